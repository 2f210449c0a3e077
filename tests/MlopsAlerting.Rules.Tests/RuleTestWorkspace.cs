using MlopsAlerting.Core.Rules;
using MlopsAlerting.LocalRun;
using MlopsAlerting.LocalRun.Tests;

namespace MlopsAlerting.Rules.Tests;

/// <summary>
/// A temporary folder holding a rendered rule file and, next to it, the promtool unit tests that
/// name it by its relative file name. Deleted on dispose.
/// </summary>
internal sealed class RuleTestWorkspace : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("mlops-rules-test-").FullName;

    public RuleTestWorkspace(RenderedRules rules)
    {
        Rules = rules;
        RuleFile = Path.Combine(directory, rules.FileName);
        File.WriteAllText(RuleFile, rules.Yaml);
    }

    public RenderedRules Rules { get; }

    /// <summary>Full path of the rule file.</summary>
    public string RuleFile { get; }

    /// <summary>Writes a test file with these cases (evaluated every minute) next to the rule file and runs <c>promtool test rules</c> on it.</summary>
    public async Task<CliResult> TestAsync(PromtoolCli promtool, params PromtoolTestCase[] cases)
    {
        var testFile = Path.Combine(directory, "model-alerts.test.yml");
        await File.WriteAllTextAsync(testFile, new PromtoolTestFile([Rules.FileName], "1m", cases).ToYaml(), TestContext.Current.CancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromMinutes(1));
        return await promtool.TestRulesAsync(testFile, deadline.Token);
    }

    /// <summary>Runs <c>promtool test rules</c> with <paramref name="testCase"/> on <paramref name="rules"/> in a workspace of its own (skipped, or failed under CI, without promtool).</summary>
    public static async Task<CliResult> RunAsync(RenderedRules rules, PromtoolTestCase testCase)
    {
        var promtool = RequiredBinaries.PromtoolOrSkip();
        using var workspace = new RuleTestWorkspace(rules);
        return await workspace.TestAsync(promtool, testCase);
    }

    /// <summary>Fails with promtool's output unless the run passed.</summary>
    public static void AssertPassed(CliResult result) =>
        Assert.True(result.Succeeded, result.Describe("promtool test rules"));

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
