using MlopsAlerting.Core.Tests;
using MlopsAlerting.LocalRun;

namespace MlopsAlerting.Alertmanager.Tests;

/// <summary>
/// Finding 7: the guide inhibits only alerts of the same alertname, so its TestAlert warning kept firing beside a
/// critical ModelPerformanceDegraded. Ours mutes every warning of the critical's model, and only of that model.
/// </summary>
public sealed class CriticalInhibitionTests
{
    [Fact(Timeout = 45_000)]
    public async Task A_critical_reaches_all_and_critical_and_mutes_the_models_warnings_of_any_alertname_but_not_other_models()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stack = await LocalStack.StartDevAsync(ct);

        await stack.Alertmanager.PostAlertsAsync([GuideAlerts.ModelPerformanceDegraded("critical")], ct);
        foreach (var webhook in new[] { "all", "critical" })
        {
            var critical = Assert.Single(await stack.WaitForAsync(webhook, a => a.Title?.Contains("ModelPerformanceDegraded", StringComparison.Ordinal) == true, 1, ct));
            Assert.Equal("🚨 Critical Alert: ModelPerformanceDegraded", critical.Title);
            Assert.Equal("danger", critical.Color);
            Assert.Equal([new SlackField("MAE Score", "0.45", true), new SlackField("Threshold", "0.40", true)], critical.Fields);
            Assert.Contains("*Severity:* CRITICAL\n", critical.Text, StringComparison.Ordinal);
        }

        // The guide's TestAlert warning of the same model, posted while the critical fires.
        await stack.Alertmanager.PostAlertsAsync([GuideAlerts.TestAlert()], ct);
        var muted = await stack.WaitForAlertAsync(
            a => a.Labels["alertname"] == "TestAlert" && a.State == "suppressed" && a.InhibitedBy.Count > 0, TimeSpan.FromSeconds(5), ct);
        Assert.Empty(muted.SilencedBy);
        await stack.AssertNoneArrivesAsync(
            r => r.Body.Contains("TestAlert", StringComparison.Ordinal), LocalStack.GroupWait + (2 * LocalStack.GroupInterval), ct);

        // A warning of another model still gets through, in the same group, naming only that model.
        var other = GuideAlerts.TestAlert() with
        {
            Labels = new Dictionary<string, string>(GuideAlerts.TestAlert().Labels) { ["model_name"] = "fraud-detector" },
        };
        await stack.Alertmanager.PostAlertsAsync([other], ct);
        var warning = Assert.Single(await stack.WaitForAsync("warning", a => a.Title?.Contains("TestAlert", StringComparison.Ordinal) == true, 1, ct));
        Assert.Equal("⚠️ Warning: TestAlert", warning.Title);
        Assert.Contains("*Model:* fraud-detector\n", warning.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("california-housing", warning.Text, StringComparison.Ordinal);

        // The all channel keeps every alert in one group: its update names the other model's
        // warning and the still-firing critical, and not the muted warning.
        var all = Assert.Single(await stack.WaitForAsync("all", a => a.Text?.Contains("*Warning:* fraud-detector\n", StringComparison.Ordinal) == true, 1, ct));
        Assert.Equal("🚨 Critical Alert: 2 alerts (2 firing)", all.Title);
        Assert.Equal("danger", all.Color);
        Assert.Contains("*Severity:* MIXED\n*Critical:* california-housing\n*Warning:* fraud-detector\n", all.Text, StringComparison.Ordinal);
        Assert.Contains("• [WARNING] *fraud-detector*", all.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("[WARNING] *california-housing*", all.Text, StringComparison.Ordinal);

        var stillMuted = (await stack.Alertmanager.GetAlertsAsync(ct)).Single(a => a.Labels["alertname"] == "TestAlert" && a.Labels["model_name"] == GuideAlerts.Model);
        Assert.Equal("suppressed", stillMuted.State);
        Assert.Equal(2, stack.Slack.Delivered.Count(r => r.Body.Contains("TestAlert", StringComparison.Ordinal)));
    }

    [Fact(Timeout = 45_000)]
    public async Task With_the_guides_equal_alertname_and_model_name_the_test_alert_warning_is_not_muted()
    {
        var ct = TestContext.Current.CancellationToken;
        var dev = StackFiles.Committed("dev");
        await using var stack = await LocalStack.StartAsync(dev with { Routing = dev.Routing with { InhibitEqual = ["alertname", "model_name"] } }, ct);

        await stack.Alertmanager.PostAlertsAsync([GuideAlerts.ModelPerformanceDegraded("critical")], ct);
        await stack.WaitForAsync("critical", _ => true, 1, ct);
        await stack.Alertmanager.PostAlertsAsync([GuideAlerts.TestAlert()], ct);

        var warning = Assert.Single(await stack.WaitForAsync("warning", a => a.Title == "⚠️ Warning: TestAlert", 1, ct));
        Assert.Contains("*Model:* california-housing\n", warning.Text, StringComparison.Ordinal);
        Assert.Equal("active", (await stack.Alertmanager.GetAlertsAsync(ct)).Single(a => a.Labels["alertname"] == "TestAlert").State);
    }
}
