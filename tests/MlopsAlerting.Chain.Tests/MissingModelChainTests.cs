using MlopsAlerting.Core.Rules;
using MlopsAlerting.Resilience.Tests;

namespace MlopsAlerting.Chain.Tests;

/// <summary>A model that stops reporting does not look healthy: through real Prometheus, its series goes stale and ModelMetricsMissing reaches Slack.</summary>
public sealed class MissingModelChainTests
{
    [Fact(Timeout = 180_000)]
    public async Task A_model_whose_exporter_stops_reporting_reaches_the_all_and_warning_channels_after_missing_for()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stack = await ChainStack.StartAsync(1, ct);

        stack.Exporter.Remove(ChainStack.HealthyModel);
        var removedAt = stack.Slack.Elapsed;
        var patience = TimeSpan.FromSeconds(30);
        var delivered = await stack.Slack.WaitForDeliveredAsync(r => r.WebhookName is "all" or "warning", 2, stack.MissingFor + patience, ct);

        Assert.Equal(["all", "warning"], delivered.Select(r => r.WebhookName).Order(StringComparer.Ordinal));
        foreach (var request in delivered)
        {
            var message = Assert.Single(request.Message!.Attachments);
            Assert.Equal($"⚠️ Warning: {ModelAlertRules.MissingAlertName}", message.Title);
            Assert.Contains("*Model:* bike-sharing\n", message.Text, StringComparison.Ordinal);
            Assert.Contains("has reported no model_mae, or only NaN (not a number: the job computing it divided by zero or had no data), for 10m, so its accuracy is not watched", message.Text, StringComparison.Ordinal);
            Assert.DoesNotContain(message.Fields, f => !string.IsNullOrEmpty(f.Title));
            Assert.DoesNotContain("<no value>", request.Body, StringComparison.Ordinal);
            Assert.False(SlackMessageModels.Names(request, ChainStack.Model), request.Body);

            // The series is stale at the next scrape; then missingFor, an evaluation and group_wait.
            Assert.InRange(request.Elapsed - removedAt, stack.MissingFor, stack.MissingFor + (ChainStack.Interval * 2) + stack.GroupWait + TimeSpan.FromSeconds(5));
        }

        Assert.DoesNotContain(stack.Slack.Delivered, r => r.WebhookName == "critical");
    }
}
