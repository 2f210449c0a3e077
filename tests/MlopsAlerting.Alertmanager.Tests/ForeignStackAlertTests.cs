using MlopsAlerting.Core.Rules;
using MlopsAlerting.Core.Tests;
using MlopsAlerting.LocalRun;

namespace MlopsAlerting.Alertmanager.Tests;

/// <summary>
/// The Alertmanager's own guard between stacks that share a Prometheus (the second after the snippet's
/// <c>alert_relabel_configs</c>), on a real Alertmanager: an alert carrying another stack's <c>mlops_stack</c> reaches no
/// channel and mutes nothing, while this stack's alerts and alerts without the label (the guide's hand-posted test
/// alert) route and inhibit as before.
/// </summary>
public sealed class ForeignStackAlertTests
{
    [Fact(Timeout = 45_000)]
    public async Task Another_stacks_critical_reaches_no_channel_and_mutes_no_warning_while_this_stacks_critical_does()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stack = await LocalStack.StartDevAsync(ct);
        var own = StackIdentity.Value(StackFiles.Committed("dev"));

        // Another stack's critical for the same model, then the guide's warning for it (no identity label).
        await stack.Alertmanager.PostAlertsAsync([WithStack(GuideAlerts.ModelPerformanceDegraded("critical"), "monitoring/prod")], ct);
        await stack.Alertmanager.PostAlertsAsync([GuideAlerts.TestAlert()], ct);

        var warning = Assert.Single(await stack.WaitForAsync("warning", a => a.Title == "⚠️ Warning: TestAlert", 1, ct));
        Assert.Contains("*Model:* california-housing\n", warning.Text, StringComparison.Ordinal);
        await stack.AssertNoneArrivesAsync(r => r.Body.Contains("ModelPerformanceDegraded", StringComparison.Ordinal), LocalStack.GroupWait + LocalStack.GroupInterval, ct);
        var foreign = (await stack.Alertmanager.GetAlertsAsync(ct)).Single(a => a.Labels["alertname"] == "ModelPerformanceDegraded");
        Assert.Equal("monitoring/prod", foreign.Labels[StackIdentity.Label]);
        Assert.Equal("active", (await stack.Alertmanager.GetAlertsAsync(ct)).Single(a => a.Labels["alertname"] == "TestAlert").State);

        // This stack's own critical for the model reaches on-call and mutes the warning.
        await stack.Alertmanager.PostAlertsAsync([WithStack(GuideAlerts.ModelPerformanceDegraded("critical"), own)], ct);
        var critical = Assert.Single(await stack.WaitForAsync("critical", a => a.Title == "🚨 Critical Alert: ModelPerformanceDegraded", 1, ct));
        Assert.Contains("*Model:* california-housing\n", critical.Text, StringComparison.Ordinal);
        await stack.WaitForAlertAsync(a => a.Labels["alertname"] == "TestAlert" && a.State == "suppressed" && a.InhibitedBy.Count > 0, TimeSpan.FromSeconds(10), ct);
    }

    private static PostableAlert WithStack(PostableAlert alert, string identity) =>
        alert with { Labels = new Dictionary<string, string>(alert.Labels) { [StackIdentity.Label] = identity } };
}
