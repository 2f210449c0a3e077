using System.Net;
using MlopsAlerting.LocalRun;

namespace MlopsAlerting.Alertmanager.Tests;

/// <summary>
/// Alerts as real Prometheus sends them: the scrape's <c>instance</c> and <c>job</c> labels, a start time when the
/// rule fired, and annotations of the last evaluation while firing. The chain tests run the same through Prometheus.
/// </summary>
public sealed class ScrapedAlertMessageTests
{
    private static PostableAlert Scraped(DateTimeOffset firedAt)
    {
        var alert = GuideAlerts.ModelPerformanceDegraded("critical");
        var labels = new Dictionary<string, string>(alert.Labels) { ["instance"] = "10.42.0.17:8000", ["job"] = "model-exporter" };
        return alert with { Labels = labels, StartsAt = firedAt };
    }

    [Fact(Timeout = 45_000)]
    public async Task Silence_button_pre_fills_alertname_model_and_severity_never_the_pods_instance_or_job()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stack = await LocalStack.StartDevAsync(ct);

        await stack.Alertmanager.PostAlertsAsync([Scraped(DateTimeOffset.UtcNow)], ct);

        foreach (var webhook in new[] { "all", "critical" })
        {
            var message = Assert.Single(await stack.WaitForAsync(webhook, _ => true, 1, ct));
            var silence = Assert.Single(message.Actions, a => a.Text == "Silence Alert").Url;
            var filter = WebUtility.UrlEncode("{alertname=\"ModelPerformanceDegraded\",model_name=\"california-housing\",severity=\"critical\"}");
            Assert.Equal($"http://localhost:9093/#/silences/new?filter={filter}", silence);
        }
    }

    [Fact(Timeout = 45_000)]
    public async Task Resolved_message_says_how_long_it_fired_and_labels_the_value_as_the_last_while_firing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stack = await LocalStack.StartDevAsync(ct);
        var firedAt = DateTimeOffset.UtcNow.AddMinutes(-15).AddSeconds(-20);
        var alert = Scraped(firedAt);

        await stack.Alertmanager.PostAlertsAsync([alert], ct);
        var firing = Assert.Single(await stack.WaitForAsync("critical", a => a.Color == "danger", 1, ct));
        await stack.Alertmanager.PostAlertsAsync([alert.Resolved()], ct);
        var resolved = Assert.Single(await stack.WaitForAsync("critical", a => a.Color == "good", 1, ct));

        Assert.Contains(new SlackField("MAE Score", "0.45", true), firing.Fields);
        Assert.DoesNotContain("after firing for", firing.Text, StringComparison.Ordinal);
        Assert.Contains(" after firing for 15m (was: Model california-housing MAE is 0.45, ", resolved.Text, StringComparison.Ordinal);
        Assert.Equal([new SlackField("Last MAE while firing", "0.45", true), new SlackField("Threshold", "0.40", true)], resolved.Fields);
    }

    [Fact(Timeout = 45_000)]
    public async Task A_short_alert_reads_in_seconds()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stack = await LocalStack.StartDevAsync(ct);
        var alert = Scraped(DateTimeOffset.UtcNow.AddSeconds(-42));

        await stack.Alertmanager.PostAlertsAsync([alert], ct);
        await stack.WaitForAsync("critical", a => a.Color == "danger", 1, ct);
        await stack.Alertmanager.PostAlertsAsync([alert.Resolved(alert.StartsAt!.Value.AddSeconds(42.7))], ct);
        var resolved = Assert.Single(await stack.WaitForAsync("critical", a => a.Color == "good", 1, ct));

        Assert.Contains(" after firing for 42s (was: ", resolved.Text, StringComparison.Ordinal);
    }
}
