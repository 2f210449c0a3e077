namespace MlopsAlerting.LocalRun.Tests;

public sealed class PromtoolCliTests : IDisposable
{
    private const string Rules = """
        groups:
          - name: model-serving
            rules:
              - alert: ModelServerDown
                expr: up{job="model-server"} == 0
                for: 1m
                labels:
                  severity: critical
        """;

    private const string RuleTests = """
        rule_files: [rules.yml]
        evaluation_interval: 1m
        tests:
          - interval: 1m
            input_series:
              - series: 'up{job="model-server"}'
                values: '0 0 0'
            alert_rule_test:
              - eval_time: 2m
                alertname: ModelServerDown
                exp_alerts:
                  - exp_labels: {severity: critical, job: model-server}
        """;

    private readonly ScratchDirectory _scratch = new();

    [Fact(Timeout = 20_000)]
    public async Task Checks_rules_and_runs_rule_unit_tests()
    {
        using var deadline = TestDeadline.After(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);
        var promtool = RequiredBinaries.PromtoolOrSkip();
        var rules = _scratch.Write("rules.yml", Rules);
        var tests = _scratch.Write("rules.test.yml", RuleTests);
        var broken = _scratch.Write("broken.yml", Rules.Replace("== 0", "== ", StringComparison.Ordinal));
        var failing = _scratch.Write("failing.test.yml", RuleTests.Replace("eval_time: 2m", "eval_time: 30s", StringComparison.Ordinal));

        var check = await promtool.CheckRulesAsync(rules, deadline.Token);
        var test = await promtool.TestRulesAsync(tests, deadline.Token);
        var brokenCheck = await promtool.CheckRulesAsync(broken, deadline.Token);
        var failingTest = await promtool.TestRulesAsync(failing, deadline.Token);

        Assert.True(check.Succeeded, check.ToString());
        Assert.Contains("SUCCESS: 1 rules found", check.StandardOutput, StringComparison.Ordinal);
        Assert.True(test.Succeeded, test.ToString());
        Assert.NotEqual(0, brokenCheck.ExitCode);
        Assert.NotEqual(0, failingTest.ExitCode);
    }

    public void Dispose() => _scratch.Dispose();
}
