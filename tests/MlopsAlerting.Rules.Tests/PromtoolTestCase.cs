namespace MlopsAlerting.Rules.Tests;

/// <summary>One test case: input series sampled every <paramref name="Interval"/>, and alert expectations.</summary>
/// <param name="Name">Shown by promtool when the case fails.</param>
/// <param name="Interval">Spacing of the input samples.</param>
/// <param name="InputSeries">The series and their values in promtool's expanding notation (<c>0.45x10</c>).</param>
/// <param name="AlertRuleTest">Which alerts must be firing at which time.</param>
internal sealed record PromtoolTestCase(string Name, string Interval, IReadOnlyList<InputSeries> InputSeries, IReadOnlyList<AlertRuleTest> AlertRuleTest);
