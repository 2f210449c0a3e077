namespace MlopsAlerting.Core.Review;

/// <summary>An additional titled Markdown section of a review (e.g. the model rules).</summary>
public sealed record ReviewSection(string Title, string Markdown);
