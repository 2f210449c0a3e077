using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using MlopsAlerting.Core.Dashboard;
using MlopsAlerting.LocalRun.Tests;

namespace MlopsAlerting.Alertmanager.Tests;

/// <summary>The guide's test alert, as the dev stack delivers it on a real Alertmanager.</summary>
public sealed partial class GuideTestAlertDeliveryTests(GuideTestAlertDelivery delivery) : IClassFixture<GuideTestAlertDelivery>
{
    [GeneratedRegex(@"since (\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}) UTC", RegexOptions.CultureInvariant)]
    private static partial Regex Since();

    [Fact(Timeout = 40_000)]
    public async Task Reaches_the_all_and_the_warning_webhooks_and_not_critical()
    {
        RequiredBinaries.AlertmanagerOrSkip();
        var d = await delivery.GetAsync(TestContext.Current.CancellationToken);

        Assert.Equal("#ml-alerts-dev", d.All.Message?.Channel);
        Assert.Equal("#ml-alerts-warning-dev", d.Warning.Message?.Channel);
        await d.Stack.AssertNoneArrivesAsync(r => r.WebhookName == "critical", LocalStack.GroupInterval, TestContext.Current.CancellationToken);
        Assert.Equal(2, d.Stack.Slack.Delivered.Count);
    }

    [Fact(Timeout = 40_000)]
    public async Task Message_has_the_warning_title_text_color_and_buttons()
    {
        RequiredBinaries.AlertmanagerOrSkip();
        var d = await delivery.GetAsync(TestContext.Current.CancellationToken);

        foreach (var request in new[] { d.All, d.Warning })
        {
            var message = LocalStack.Only(request);
            Assert.NotNull(message);
            Assert.Equal("⚠️ Warning: TestAlert", message.Title);
            Assert.Equal("warning", message.Color);
            var text = message.Text ?? string.Empty;
            Assert.Contains("*Environment:* Development\n", text, StringComparison.Ordinal);
            Assert.Contains("*Model:* california-housing\n", text, StringComparison.Ordinal);
            Assert.Contains("*Severity:* WARNING\n", text, StringComparison.Ordinal);
            Assert.Contains("*Status:* FIRING\n", text, StringComparison.Ordinal);
            Assert.Contains("This is a test alert to verify Slack integration", text, StringComparison.Ordinal);
            Assert.EndsWith("*Owner:* @ml-team", text, StringComparison.Ordinal);
            Assert.DoesNotContain("\n\n", text, StringComparison.Ordinal);

            var filter = WebUtility.UrlEncode("{alertname=\"TestAlert\",model_name=\"california-housing\",severity=\"warning\"}");
            var actions = message.Actions;
            Assert.Equal(["View in Grafana", "Silence Alert"], actions.Select(a => a.Text));
            Assert.All(actions, a => Assert.Equal("button", a.Type));
            Assert.Equal($"http://localhost:9093/#/silences/new?filter={filter}", actions[1].Url);

            // The stack's dashboard with the alert's model selected, from an hour before the alert started.
            var grafana = actions[0].Url ?? string.Empty;
            var dashboard = DashboardLink.Dashboard(d.Stack.Settings) + "?from=";
            Assert.StartsWith(dashboard, grafana, StringComparison.Ordinal);
            Assert.EndsWith("&to=now&var-model=california-housing", grafana, StringComparison.Ordinal);
            var from = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(grafana[dashboard.Length..grafana.IndexOf('&', StringComparison.Ordinal)], CultureInfo.InvariantCulture));
            Assert.InRange(DateTimeOffset.UtcNow - from, DashboardLink.Before, DashboardLink.Before + TimeSpan.FromMinutes(5));
        }
    }

    [Fact(Timeout = 40_000)]
    public async Task Title_link_and_silence_button_use_the_configured_external_url_never_the_host_name()
    {
        RequiredBinaries.AlertmanagerOrSkip();
        var d = await delivery.GetAsync(TestContext.Current.CancellationToken);
        var configured = d.Stack.Settings.Alertmanager.ExternalUrl.GetLeftPart(UriPartial.Authority);

        Assert.Equal("http://localhost:9093", configured);
        foreach (var request in new[] { d.All, d.Warning })
        {
            var message = LocalStack.Only(request)!;
            Assert.StartsWith(configured + "/#/alerts?receiver=", message.TitleLink, StringComparison.Ordinal);
            Assert.StartsWith(configured + "/#/silences/new?filter=", message.Actions.Single(a => a.Text == "Silence Alert").Url, StringComparison.Ordinal);
            if (!configured.Contains(Dns.GetHostName(), StringComparison.OrdinalIgnoreCase))
            {
                Assert.DoesNotContain(Dns.GetHostName(), request.Body, StringComparison.OrdinalIgnoreCase);
            }

            Assert.DoesNotContain(d.Stack.Alertmanager.BaseUrl.Authority, request.Body, StringComparison.Ordinal);
        }
    }

    [Fact(Timeout = 40_000)]
    public async Task Text_shows_when_the_alert_started_and_no_stray_blank_lines()
    {
        RequiredBinaries.AlertmanagerOrSkip();
        var d = await delivery.GetAsync(TestContext.Current.CancellationToken);

        foreach (var request in new[] { d.All, d.Warning })
        {
            var text = LocalStack.Only(request)!.Text!;
            var since = Since().Match(text);
            Assert.True(since.Success, text);
            var startedAt = DateTime.ParseExact(since.Groups[1].Value, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
            Assert.InRange(startedAt, d.PostedWallClock.UtcDateTime.AddSeconds(-2), d.PostedWallClock.UtcDateTime.AddSeconds(2));
            Assert.DoesNotContain("*Time:*", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Test alert from Alertmanager", text, StringComparison.Ordinal);
            Assert.All(text.Split('\n'), line => Assert.False(string.IsNullOrWhiteSpace(line), $"blank line in:\n{text}"));
        }
    }

    [Fact(Timeout = 40_000)]
    public async Task First_message_arrives_within_group_wait_plus_one_second_of_the_post()
    {
        RequiredBinaries.AlertmanagerOrSkip();
        var d = await delivery.GetAsync(TestContext.Current.CancellationToken);

        var first = new[] { d.All.Elapsed, d.Warning.Elapsed }.Min() - d.PostedAt;

        TestContext.Current.TestOutputHelper?.WriteLine($"post -> first Slack message: {first.TotalMilliseconds:F0} ms (group_wait {LocalStack.GroupWait.TotalSeconds:F0}s)");
        Assert.InRange(first, LocalStack.GroupWait - TimeSpan.FromMilliseconds(100), LocalStack.GroupWait + TimeSpan.FromSeconds(1));
    }
}
