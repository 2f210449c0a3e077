namespace MlopsAlerting.Rules.Tests;

/// <summary>A firing alert with exactly these labels (besides alertname) and these annotations, templates expanded.</summary>
internal sealed record ExpectedAlert(IReadOnlyDictionary<string, string> ExpLabels, IReadOnlyDictionary<string, string> ExpAnnotations);
