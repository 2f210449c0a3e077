namespace MlopsAlerting.Rules.Tests;

/// <summary>At <paramref name="EvalTime"/>, exactly <paramref name="ExpAlerts"/> of <paramref name="Alertname"/> are firing (pending ones do not count).</summary>
internal sealed record AlertRuleTest(string EvalTime, string Alertname, IReadOnlyList<ExpectedAlert> ExpAlerts);
