using System.Diagnostics;
using System.Text.Json.Nodes;

namespace MlopsAlerting.LocalRun.Tests;

public sealed class LocalAlertmanagerTests : IDisposable
{
    private static readonly TimeSpan GroupWaitPlusTwoSeconds = TimeSpan.FromSeconds(3);
    private readonly ScratchDirectory _scratch = new();

    [Fact(Timeout = 30_000)]
    public async Task Posted_alert_reaches_the_Slack_stand_in_within_group_wait_plus_two_seconds_and_its_resolution_follows()
    {
        using var deadline = TestDeadline.After(TimeSpan.FromSeconds(25), TestContext.Current.CancellationToken);
        var binary = RequiredBinaries.AlertmanagerOrSkip();
        await using var slack = await SlackStandIn.StartAsync();
        await using var alertmanager = await StartAsync(binary, slack, deadline.Token);
        var alert = Alert("DiskFull", "critical", "Disk is full");

        var posted = Stopwatch.StartNew();
        var postedAt = slack.Elapsed;
        await alertmanager.PostAlertsAsync([alert], deadline.Token);
        var critical = Assert.Single(await slack.WaitForDeliveredAsync(r => r.WebhookName == "critical", 1, GroupWaitPlusTwoSeconds, deadline.Token));
        var all = Assert.Single(await slack.WaitForDeliveredAsync(r => r.WebhookName == "all", 1, GroupWaitPlusTwoSeconds, deadline.Token));
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"post -> Slack: critical +{(critical.Elapsed - postedAt).TotalMilliseconds:F0}ms, all +{(all.Elapsed - postedAt).TotalMilliseconds:F0}ms{Environment.NewLine}critical body: {critical.Body}{Environment.NewLine}all body: {all.Body}");

        var message = Assert.IsType<SlackMessage>(critical.Message);
        Assert.Equal("#critical", message.Channel);
        var attachment = Assert.Single(message.Attachments);
        Assert.Equal("FIRING DiskFull", attachment.Title);
        Assert.Equal("Disk is full", attachment.Text);
        Assert.Equal("danger", attachment.Color);
        Assert.Equal(new SlackField("Severity", "critical", true), Assert.Single(attachment.Fields));
        Assert.Equal(new SlackAction("button", "Runbook", "https://runbooks.example/DiskFull"), Assert.Single(attachment.Actions));
        var allAttachment = Assert.Single(Assert.IsType<SlackMessage>(all.Message).Attachments);
        Assert.StartsWith("[FIRING:1] DiskFull", allAttachment.Title, StringComparison.Ordinal);
        Assert.StartsWith(alertmanager.BaseUrl.ToString(), allAttachment.TitleLink, StringComparison.Ordinal);
        var listed = Assert.Single(await alertmanager.GetAlertsAsync(deadline.Token));
        Assert.Equal("active", listed.State);
        Assert.Equal(["all", "critical"], listed.Receivers.Order(StringComparer.Ordinal));

        var resolvePostedAt = slack.Elapsed;
        await alertmanager.PostAlertsAsync([alert.Resolved()], deadline.Token);
        var resolved = await slack.WaitForDeliveredAsync(
            r => r.WebhookName == "all" && r.Message?.Attachments.FirstOrDefault()?.Title?.StartsWith("[RESOLVED]", StringComparison.Ordinal) == true,
            1,
            GroupWaitPlusTwoSeconds,
            deadline.Token);
        Assert.Equal("good", resolved[0].Message?.Attachments[0].Color);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"resolve post -> Slack +{(resolved[0].Elapsed - resolvePostedAt).TotalMilliseconds:F0}ms; whole scenario {posted.ElapsedMilliseconds}ms");
    }

    [Fact(Timeout = 40_000)]
    public async Task Kill_then_restart_keeps_the_ports_and_delivers_again()
    {
        using var deadline = TestDeadline.After(TimeSpan.FromSeconds(35), TestContext.Current.CancellationToken);
        var binary = RequiredBinaries.AlertmanagerOrSkip();
        await using var slack = await SlackStandIn.StartAsync();
        await using var alertmanager = await StartAsync(binary, slack, deadline.Token);
        var (port, firstProcess) = (alertmanager.Port, alertmanager.ProcessId);

        await alertmanager.KillAsync(deadline.Token);
        Assert.False(alertmanager.IsRunning);
        await Assert.ThrowsAsync<HttpRequestException>(() => alertmanager.GetStatusAsync(deadline.Token));

        await alertmanager.RestartAsync(deadline.Token);
        await alertmanager.PostAlertsAsync([Alert("AfterRestart", "warning", "back")], deadline.Token);

        var delivered = await slack.WaitForDeliveredAsync(r => r.WebhookName == "all", 1, GroupWaitPlusTwoSeconds, deadline.Token);
        Assert.Contains("AfterRestart", delivered[0].Message?.Attachments[0].Title, StringComparison.Ordinal);
        Assert.Equal(port, alertmanager.Port);
        Assert.NotEqual(firstProcess, alertmanager.ProcessId);
        Assert.Contains("--- restart ---", alertmanager.Logs, StringComparison.Ordinal);
    }

    [Fact(Timeout = 40_000)]
    public async Task Silence_mutes_matching_alerts_and_survives_a_graceful_restart()
    {
        using var deadline = TestDeadline.After(TimeSpan.FromSeconds(35), TestContext.Current.CancellationToken);
        var binary = RequiredBinaries.AlertmanagerOrSkip();
        await using var slack = await SlackStandIn.StartAsync();
        await using var alertmanager = await StartAsync(binary, slack, deadline.Token);
        var silenceId = await alertmanager.CreateSilenceAsync(
            [new SilenceMatcher("alertname", "Muted")], TimeSpan.FromHours(1), "localrun-tests", "maintenance", deadline.Token);

        await alertmanager.StopAsync(deadline.Token);
        await alertmanager.RestartAsync(deadline.Token);
        await alertmanager.PostAlertsAsync([Alert("Muted", "critical", "quiet"), Alert("Loud", "warning", "noisy")], deadline.Token);
        await slack.WaitForDeliveredAsync(r => r.WebhookName == "all", 1, GroupWaitPlusTwoSeconds, deadline.Token);

        var silence = Assert.Single(await alertmanager.GetSilencesAsync(deadline.Token));
        Assert.Equal((silenceId, "active", "localrun-tests"), (silence.Id, silence.State, silence.CreatedBy));
        Assert.Equal(new SilenceMatcher("alertname", "Muted"), Assert.Single(silence.Matchers));
        var muted = Assert.Single(await alertmanager.GetAlertsAsync(deadline.Token), a => a.Labels["alertname"] == "Muted");
        Assert.Equal("suppressed", muted.State);
        Assert.Equal([silenceId], muted.SilencedBy);
        Assert.DoesNotContain(slack.AllRequests, r => r.Body.Contains("Muted", StringComparison.Ordinal));
    }

    [Fact(Timeout = 30_000)]
    public async Task Invalid_configuration_fails_start_and_reload_with_the_reason()
    {
        using var deadline = TestDeadline.After(TimeSpan.FromSeconds(25), TestContext.Current.CancellationToken);
        var binary = RequiredBinaries.AlertmanagerOrSkip();
        var invalid = _scratch.Write("invalid.yml", "route:\n  receiver: missing\nreceivers:\n  - name: other\n");
        await using var slack = await SlackStandIn.StartAsync();

        var start = await Assert.ThrowsAsync<InvalidOperationException>(
            () => LocalAlertmanager.StartAsync(new LocalAlertmanagerOptions { ConfigFile = invalid, Binary = binary }, deadline.Token));
        await using var alertmanager = await StartAsync(binary, slack, deadline.Token);
        File.Copy(invalid, alertmanager.Arguments[0]["--config.file=".Length..], overwrite: true);
        var reload = await Assert.ThrowsAsync<HttpRequestException>(() => alertmanager.ReloadAsync(deadline.Token));

        Assert.Contains("undefined receiver \\\"missing\\\"", start.Message, StringComparison.Ordinal);
        Assert.Contains("undefined receiver", reload.Message, StringComparison.Ordinal);
        Assert.True(alertmanager.IsRunning);
    }

    [Fact(Timeout = 40_000)]
    public async Task Two_clustered_instances_see_each_other_as_peers()
    {
        using var deadline = TestDeadline.After(TimeSpan.FromSeconds(35), TestContext.Current.CancellationToken);
        var binary = RequiredBinaries.AlertmanagerOrSkip();
        await using var slack = await SlackStandIn.StartAsync();
        var config = _scratch.Write("cluster.yml", TestAlertmanagerConfig.RoutingTo(slack));
        var fast = new ClusterOptions
        {
            GossipInterval = TimeSpan.FromMilliseconds(100),
            PushPullInterval = TimeSpan.FromSeconds(1),
            SettleTimeout = TimeSpan.FromSeconds(1),
        };
        await using var first = await LocalAlertmanager.StartAsync(
            new LocalAlertmanagerOptions { ConfigFile = config, Binary = binary, Cluster = fast }, deadline.Token);
        await using var second = await LocalAlertmanager.StartAsync(
            new LocalAlertmanagerOptions { ConfigFile = config, Binary = binary, Cluster = fast with { Peers = [$"127.0.0.1:{first.ClusterPort}"] } },
            deadline.Token);

        var peers = await WaitForPeerCountAsync(first, 2, deadline.Token);

        Assert.Contains($"127.0.0.1:{second.ClusterPort}", peers);
        Assert.Contains($"127.0.0.1:{first.ClusterPort}", await WaitForPeerCountAsync(second, 2, deadline.Token));
    }

    public void Dispose() => _scratch.Dispose();

    private static PostableAlert Alert(string name, string severity, string summary) =>
        new(
            new Dictionary<string, string> { ["alertname"] = name, ["severity"] = severity, ["instance"] = "node1" },
            new Dictionary<string, string> { ["summary"] = summary });

    private static async Task<IReadOnlyList<string>> WaitForPeerCountAsync(LocalAlertmanager alertmanager, int count, CancellationToken cancellationToken)
    {
        while (true)
        {
            var status = JsonNode.Parse(await alertmanager.GetStatusAsync(cancellationToken));
            var peers = (status?["cluster"]?["peers"] as JsonArray ?? [])
                .Select(peer => peer?["address"]?.GetValue<string>() ?? string.Empty)
                .ToArray();
            if (peers.Length >= count)
            {
                return peers;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    private async Task<LocalAlertmanager> StartAsync(AlertmanagerBinary binary, SlackStandIn slack, CancellationToken cancellationToken)
    {
        var config = _scratch.Write($"alertmanager-{Guid.NewGuid():N}.yml", TestAlertmanagerConfig.RoutingTo(slack));
        return await LocalAlertmanager.StartAsync(new LocalAlertmanagerOptions { ConfigFile = config, Binary = binary }, cancellationToken);
    }
}
