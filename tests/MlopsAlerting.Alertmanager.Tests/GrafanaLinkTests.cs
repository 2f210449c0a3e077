using System.Globalization;
using MlopsAlerting.Core.Dashboard;
using MlopsAlerting.Core.Rules;
using MlopsAlerting.Core.Tests;
using MlopsAlerting.LocalRun;

namespace MlopsAlerting.Alertmanager.Tests;

/// <summary>
/// The View in Grafana button as the real Alertmanager renders it into the Slack message (the stand-in receives it): the
/// stack's dashboard UID, each model and version of the message selected, from an hour before its earliest alert started
/// to now; hostile model names (quotes, spaces, '+', '&amp;', unicode) come back exactly; a storm of 50 models fits
/// Slack's 3,000 characters, or falls back to every model and says so; a self-alert opens the alerting row.
/// </summary>
public sealed class GrafanaLinkTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);

    [Fact(Timeout = 45_000)]
    public async Task The_button_opens_the_stacks_dashboard_with_each_model_and_version_selected_from_an_hour_before_the_earliest_start()
    {
        var ct = TestContext.Current.CancellationToken;
        var prod = StackFiles.Committed("prod");
        await using var stack = await LocalStack.StartAsync(prod, ct);
        const string hostile = "fraud \"v2\" m+del é&x=1 %41 #?";
        await stack.Alertmanager.PostAlertsAsync(
        [
            Critical("california-housing", "v1.0", Start + TimeSpan.FromMinutes(20)),
            Critical(hostile, "2 beta", Start),
            Critical("california-housing", "v1.0", Start + TimeSpan.FromMinutes(30)),
        ], ct);

        // A group of alerts older than group_wait flushes on its first insert, before the rest of the post: wait for the message naming both.
        var message = (await stack.WaitForAsync("critical", m => m.Text?.Contains(hostile, StringComparison.Ordinal) == true && m.Text.Contains("california-housing", StringComparison.Ordinal), 1, ct))[0];
        var button = GrafanaButton.Of(message);
        Assert.Equal($"/d/{DashboardUid.Of(prod)}", button.Path);
        Assert.StartsWith(prod.Slack.GrafanaUrl.OriginalString.TrimEnd('/') + "/d/", button.Url, StringComparison.Ordinal);
        Assert.Equal(["california-housing", hostile], button.Values("var-model").Order(StringComparer.Ordinal));
        Assert.Equal(["2 beta", "v1.0"], button.Values("var-version").Order(StringComparer.Ordinal));
        Assert.Equal(Start - TimeSpan.FromHours(1), button.From);
        Assert.True(button.From <= Start, "the range contains the earliest alert's start");
        Assert.Equal(["now"], button.Values("to"));
        Assert.DoesNotContain(DashboardLink.TooManyModels, message.Text, StringComparison.Ordinal);

        // The review's counterpart builds the same link.
        var (expected, _) = DashboardLink.For(prod, [("california-housing", "v1.0", Start + TimeSpan.FromMinutes(20)), (hostile, "2 beta", Start)]);
        Assert.Equal(expected, button.Url);
    }

    [Fact(Timeout = 45_000)]
    public async Task A_model_without_a_version_leaves_every_version_shown_and_a_self_alert_opens_the_alerting_row()
    {
        var ct = TestContext.Current.CancellationToken;
        var prod = StackFiles.Committed("prod");
        await using var stack = await LocalStack.StartAsync(prod, ct);
        await stack.Alertmanager.PostAlertsAsync([Critical("unversioned", null, Start)], ct);
        var model = GrafanaButton.Of(Assert.Single(await stack.WaitForAsync("critical", _ => true, 1, ct)));
        Assert.Equal(["unversioned"], model.Values("var-model"));
        Assert.Empty(model.Values("var-version"));
        Assert.Empty(model.Values("viewPanel"));

        await stack.Alertmanager.PostAlertsAsync([new PostableAlert(new Dictionary<string, string> { ["alertname"] = SelfAlertRules.ChannelUndeliverable, ["severity"] = "warning", [StackIdentity.Label] = StackIdentity.Value(prod) }, new Dictionary<string, string> { ["summary"] = "No replica can deliver" }, Start)], ct);
        var self = GrafanaButton.Of(Assert.Single(await stack.WaitForAsync("warning", _ => true, 1, ct)));
        Assert.Equal([ModelDashboard.SelfAlertsPanelId.ToString(CultureInfo.InvariantCulture)], self.Values("viewPanel"));
        Assert.Empty(self.Values("var-model"));
        Assert.Equal(Start - TimeSpan.FromHours(1), self.From);
    }

    [Theory(Timeout = 45_000)]
    [InlineData(8, false)]
    [InlineData(60, true)]
    public async Task A_storm_of_50_models_stays_within_slacks_button_url_limit_and_says_when_it_shows_all(int nameLength, bool allModels)
    {
        var ct = TestContext.Current.CancellationToken;
        var prod = StackFiles.Committed("prod");
        await using var stack = await LocalStack.StartAsync(prod, ct);
        var models = Enumerable.Range(1, 50).Select(i => $"m{i:D2}-".PadRight(nameLength, 'x')).ToList();
        await stack.Alertmanager.PostAlertsAsync([.. models.Select((m, i) => Critical(m, "v1.0", Start + TimeSpan.FromSeconds(i)))], ct);

        var message = (await stack.WaitForAsync("critical", m => m.Title?.Contains($"({models.Count} firing)", StringComparison.Ordinal) == true, 1, ct))[0];
        var button = GrafanaButton.Of(message);
        TestContext.Current.TestOutputHelper?.WriteLine($"{models.Count} models of {nameLength} characters: a {button.Url.Length}-character link");
        Assert.InRange(button.Url.Length, 1, DashboardLink.MaxUrlLength);
        Assert.Equal(Start - TimeSpan.FromHours(1), button.From);
        if (allModels)
        {
            Assert.Equal(["$__all"], button.Values("var-model"));
            Assert.Contains($"*Grafana:* {DashboardLink.TooManyModels}", message.Text, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(models, button.Values("var-model").Order(StringComparer.Ordinal));
            Assert.DoesNotContain(DashboardLink.TooManyModels, message.Text, StringComparison.Ordinal);
        }
    }

    private static PostableAlert Critical(string model, string? version, DateTimeOffset startsAt)
    {
        var labels = new Dictionary<string, string> { ["alertname"] = ModelAlertRules.AlertName, ["severity"] = "critical", ["model_name"] = model };
        if (version is not null)
        {
            labels["model_version"] = version;
        }

        return new PostableAlert(labels, new Dictionary<string, string> { ["summary"] = $"{model} MAE above 0.40", ["mae_score"] = "0.45" }, startsAt);
    }
}
