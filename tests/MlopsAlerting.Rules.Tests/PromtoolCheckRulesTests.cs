using MlopsAlerting.LocalRun.Tests;

namespace MlopsAlerting.Rules.Tests;

public class PromtoolCheckRulesTests
{
    [Theory]
    [InlineData("dev", 6)]
    [InlineData("prod", 6)]
    public async Task CommittedStackRulesPassPromtoolCheck(string stack, int rules)
    {
        var promtool = RequiredBinaries.PromtoolOrSkip();
        using var workspace = new RuleTestWorkspace(RuleStacks.Render(stack));

        var result = await promtool.CheckRulesAsync(workspace.RuleFile, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Describe($"promtool check rules ({stack})"));
        Assert.Contains($"SUCCESS: {rules} rules found", result.StandardOutput + result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RulesWithoutModelsArePromtoolValidAndStillWatchUnlistedModels()
    {
        var promtool = RequiredBinaries.PromtoolOrSkip();
        using var workspace = new RuleTestWorkspace(RuleStacks.RenderInline("  mlops-alerting:models: []\n"));

        var result = await promtool.CheckRulesAsync(workspace.RuleFile, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Describe("promtool check rules (no models)"));
        Assert.Contains("SUCCESS: 3 rules found", result.StandardOutput + result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeveralModelsWithCustomThresholdsPassPromtoolCheck()
    {
        var promtool = RequiredBinaries.PromtoolOrSkip();
        using var workspace = new RuleTestWorkspace(RuleStacks.RenderInline("""
              mlops-alerting:rules:
                metric: ml_model_mae
              mlops-alerting:models:
                - name: fraud-detector
                  version: "2.1"
                  maeCritical: 0.55
                  criticalFor: 2m
                  maeWarning: 0.425
                  warningFor: 1h30m
                - name: churn
            """));

        var result = await promtool.CheckRulesAsync(workspace.RuleFile, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Describe("promtool check rules (two models)"));
        Assert.Contains("SUCCESS: 11 rules found", result.StandardOutput + result.StandardError, StringComparison.Ordinal);
    }
}
