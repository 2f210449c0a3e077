using MlopsAlerting.Core.Rendering;
using MlopsAlerting.Core.Review;
using MlopsAlerting.Core.Settings;

namespace MlopsAlerting.Core.Tests.Review;

public class StackReviewTests
{
    [Fact]
    public void Review_of_prod_has_every_section_and_tells_how_to_set_each_missing_webhook()
    {
        var settings = StackFiles.Committed("prod");
        var markdown = StackReview.Render(settings, AlertmanagerConfigRenderer.Render(settings));

        foreach (var heading in new[] { "# Stack review: `prod`", "## Settings", "## Secrets", "## Routing", "## Inhibition", "## Resources `pulumi up` declares", "## Rendered configuration" })
        {
            Assert.Contains(heading, markdown, StringComparison.Ordinal);
        }

        foreach (var role in new[] { "all", "critical", "warning" })
        {
            Assert.Contains($"pulumi config set --secret --path slackWebhooks.{role} 'https://hooks.slack.com/services/T.../B.../...' --stack prod", markdown, StringComparison.Ordinal);
        }

        Assert.Contains("| critical model alert |", markdown, StringComparison.Ordinal);
        Assert.Contains("slack-all, slack-critical | #ml-alerts, #ml-alerts-critical |", markdown, StringComparison.Ordinal);
        Assert.Contains("PodDisruptionBudget", markdown, StringComparison.Ordinal);
        Assert.Contains("NetworkPolicy", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Review_never_shows_a_webhook_value()
    {
        var raw = Settings.EngineConfigReaderTests.AsEngineConfig("prod");
        raw["slackWebhooks"] = """{"all":"https://hooks.slack.com/services/T/B/SENTINEL1","critical":"https://hooks.slack.com/services/T/B/SENTINEL2","warning":"https://hooks.slack.com/services/T/B/SENTINEL3"}""";
        var settings = SettingsBinder.Bind(EngineConfig.Read("prod", raw, ["slackWebhooks"]));

        var rendered = AlertmanagerConfigRenderer.Render(settings);
        var markdown = StackReview.Render(settings, rendered);

        Assert.DoesNotContain("SENTINEL", markdown, StringComparison.Ordinal);
        Assert.All(rendered.Files.Values, f => Assert.DoesNotContain("SENTINEL", f, StringComparison.Ordinal));
        Assert.Contains("set (secret)", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Dev_review_lists_no_cluster_objects()
    {
        var settings = StackFiles.Committed("dev");
        var resources = PlannedResources.For(settings);

        Assert.DoesNotContain(resources, r => r.Kind == "PodDisruptionBudget");
        Assert.DoesNotContain(resources, r => r.Name.EndsWith("alertmanager-cluster", StringComparison.Ordinal));
        Assert.Contains(resources, r => r.Kind == "StatefulSet" && r.Purpose.Contains("clustering off", StringComparison.Ordinal));
    }
}
