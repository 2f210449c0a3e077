using System.Text.RegularExpressions;
using MlopsAlerting.LocalRun;

namespace MlopsAlerting.Alertmanager.Tests;

/// <summary>The guide's storm measurement: one message per group, so a message must name every model it carries.</summary>
public sealed partial class ModelGroupMessageTests
{
    [GeneratedRegex(@"^\*Model:\*(.*)$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex ModelLine();

    [Fact(Timeout = 45_000)]
    public async Task A_group_of_two_models_names_both_in_one_message_per_channel()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stack = await LocalStack.StartDevAsync(ct);

        await stack.Alertmanager.PostAlertsAsync(
            [
                GuideAlerts.ModelPerformanceDegraded("critical", model: "model-a", mae: "0.45"),
                GuideAlerts.ModelPerformanceDegraded("critical", model: "model-b", mae: "0.52"),
            ],
            ct);

        foreach (var webhook in new[] { "all", "critical" })
        {
            var message = Assert.Single(await stack.WaitForAsync(webhook, _ => true, 1, ct));
            Assert.Equal("🚨 Critical Alert: ModelPerformanceDegraded (2 firing)", message.Title);
            var models = Assert.Single(ModelLine().Matches(message.Text!)).Groups[1].Value.Trim();
            Assert.Equal(["model-a", "model-b"], models.Split(", ").Order(StringComparer.Ordinal));
            Assert.Contains("• *model-a* v1.0: Model model-a MAE is 0.45", message.Text, StringComparison.Ordinal);
            Assert.Contains("• *model-b* v1.0: Model model-b MAE is 0.52", message.Text, StringComparison.Ordinal);
            Assert.Contains(new SlackField("MAE Score", message.Fields[0].Value, true), message.Fields);
            Assert.Contains("model-a 0.45", message.Fields[0].Value, StringComparison.Ordinal);
            Assert.Contains("model-b 0.52", message.Fields[0].Value, StringComparison.Ordinal);
        }
    }
}
