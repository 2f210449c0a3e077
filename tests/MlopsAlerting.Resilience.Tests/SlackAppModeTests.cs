using MlopsAlerting.Core.Settings;
using MlopsAlerting.LocalRun;
using MlopsAlerting.LocalRun.Tests;

namespace MlopsAlerting.Resilience.Tests;

/// <summary>
/// Slack app mode on the real Alertmanager (0.32 or newer): one bot token for every channel through
/// <c>https://slack.com/api/chat.postMessage</c>, reached on loopback through a CONNECT proxy answering TLS for
/// slack.com with a test CA. A group's resolved notification edits its first message (<c>chat.update</c>, same
/// <c>ts</c>) instead of posting another.
/// </summary>
public sealed class SlackAppModeTests
{
    private static readonly TimeSpan Delivery = TimeSpan.FromSeconds(20);

    [Fact(Timeout = 60_000)]
    public async Task Firing_then_resolved_edits_the_one_message_of_every_channel()
    {
        using var deadline = TestDeadline.After(TimeSpan.FromSeconds(55), TestContext.Current.CancellationToken);
        var binary = await RequiredBinaries.AlertmanagerAtLeastOrSkipAsync(SlackModes.AppModeMinimumVersion, "app mode (update_message)");
        await using var stack = await AppModeStack.StartAsync("1s", "2s");
        await using var alertmanager = await LocalAlertmanager.StartAsync(new LocalAlertmanagerOptions { ConfigFile = stack.ConfigFile, Binary = binary }, deadline.Token);
        PostableAlert[] alerts = [Critical("app-alpha"), Warning("app-bravo")];

        await alertmanager.PostAlertsAsync(alerts, deadline.Token);
        var posted = await WaitForMessagesAsync(stack, m => true, 3, deadline.Token);
        await alertmanager.PostAlertsAsync([.. alerts.Select(a => a.Resolved())], deadline.Token);
        var resolved = await WaitForMessagesAsync(stack, m => m.Current.Attachments[0].Title?.StartsWith("✅ Resolved", StringComparison.Ordinal) == true, 3, deadline.Token);

        Log(stack);
        Assert.Equal(
            [stack.Channel(ChannelRole.All), stack.Channel(ChannelRole.Critical), stack.Channel(ChannelRole.Warning)],
            resolved.Select(m => m.ChannelName).Order(StringComparer.Ordinal));
        Assert.Equal(posted.Select(m => (m.ChannelId, m.Ts)).Order(), resolved.Select(m => (m.ChannelId, m.Ts)).Order());
        Assert.Equal(3, stack.Slack.Delivered.Count(r => r.ApiMethod == "chat.postMessage"));
        Assert.All(resolved, m =>
        {
            Assert.True(m.Edits >= 1, $"{m.ChannelName} was never edited");
            Assert.Equal(SlackStandIn.ChannelIdOf(m.ChannelName), m.ChannelId);
            Assert.Equal("good", m.Current.Attachments[0].Color);
            Assert.NotEqual("good", m.Versions[0].Attachments[0].Color);
            Assert.Equal(["View in Grafana", "Silence Alert"], m.Current.Attachments[0].Actions.Select(a => a.Text));
            Assert.Equal(["MAE Score", "Threshold"], m.Versions[0].Attachments[0].Fields.Select(f => f.Title));
        });
        Assert.Contains("app-alpha", Text(resolved.Single(m => m.ChannelName == stack.Channel(ChannelRole.Critical))), StringComparison.Ordinal);
        Assert.Contains("app-bravo", Text(resolved.Single(m => m.ChannelName == stack.Channel(ChannelRole.Warning))), StringComparison.Ordinal);
        Assert.All(stack.Slack.AllRequests, r => Assert.True(r.IsDelivered, r.ToString()));
        Assert.Empty(stack.Proxy.RefusedTargets);
        Assert.DoesNotContain(AppModeStack.Token, await alertmanager.GetStatusAsync(deadline.Token), StringComparison.Ordinal);
        Assert.DoesNotContain(AppModeStack.Token, alertmanager.Logs, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_model_joining_a_firing_group_edits_its_message_and_the_group_firing_again_after_it_resolved_posts_anew()
    {
        using var deadline = TestDeadline.After(TimeSpan.FromSeconds(55), TestContext.Current.CancellationToken);
        var binary = await RequiredBinaries.AlertmanagerAtLeastOrSkipAsync(SlackModes.AppModeMinimumVersion, "app mode (update_message)");
        await using var stack = await AppModeStack.StartAsync("1s", "2s");
        await using var alertmanager = await LocalAlertmanager.StartAsync(new LocalAlertmanagerOptions { ConfigFile = stack.ConfigFile, Binary = binary }, deadline.Token);
        var critical = stack.Channel(ChannelRole.Critical);

        await alertmanager.PostAlertsAsync([Critical("app-foxtrot")], deadline.Token);
        var first = (await WaitForMessagesAsync(stack, m => m.ChannelName == critical, 1, deadline.Token)).Single();
        await alertmanager.PostAlertsAsync([Critical("app-golf")], deadline.Token);
        var joined = (await WaitForMessagesAsync(stack, m => m.ChannelName == critical && Text(m).Contains("app-golf", StringComparison.Ordinal), 1, deadline.Token)).Single();
        await alertmanager.PostAlertsAsync([Critical("app-foxtrot").Resolved(), Critical("app-golf").Resolved()], deadline.Token);
        await WaitForMessagesAsync(stack, m => m.Current.Attachments[0].Title?.StartsWith("✅ Resolved", StringComparison.Ordinal) == true, 2, deadline.Token);
        await Task.Delay(stack.GroupInterval * 2, deadline.Token);
        await alertmanager.PostAlertsAsync([Critical("app-foxtrot") with { StartsAt = DateTimeOffset.UtcNow }], deadline.Token);
        // Both channels post anew, each on its own receiver's timer: wait for the two new posts, not only the
        // critical one, then for one more group_interval in which nothing may be posted.
        var everyMessage = await WaitForMessagesAsync(stack, m => true, 4, deadline.Token);
        await Task.Delay(stack.GroupInterval + TimeSpan.FromSeconds(1), deadline.Token);
        var again = everyMessage.Where(m => m.ChannelName == critical).ToList();

        Log(stack);
        // Slack notifies a new message, not an edit: the joining model reaches on-call only as an edit.
        Assert.Equal(first.Ts, joined.Ts);
        Assert.Equal(2, again.Count);
        Assert.NotEqual(again[0].Ts, again[1].Ts);
        Assert.StartsWith("🚨", again[1].Current.Attachments[0].Title, StringComparison.Ordinal);
        var allChannel = everyMessage.Where(m => m.ChannelName == stack.Channel(ChannelRole.All)).ToList();
        Assert.Equal(2, allChannel.Count);
        Assert.NotEqual(allChannel[0].Ts, allChannel[1].Ts);
        Assert.Equal(4, stack.Slack.Delivered.Count(r => r.ApiMethod == "chat.postMessage"));
    }

    [Fact(Timeout = 90_000)]
    public async Task Three_replicas_post_once_and_edit_that_post_also_after_the_posting_replica_is_killed()
    {
        using var deadline = TestDeadline.After(TimeSpan.FromSeconds(85), TestContext.Current.CancellationToken);
        var binary = await RequiredBinaries.AlertmanagerAtLeastOrSkipAsync(SlackModes.AppModeMinimumVersion, "app mode (update_message)");
        await using var stack = await AppModeStack.StartAsync("1s", "3s");
        await using var cluster = await ThreeReplicaCluster.StartAsync(binary, stack.ConfigFile, deadline.Token);
        var critical = Critical("app-charlie");

        await cluster.PostToRunningAsync([critical], deadline.Token);
        var posted = await WaitForMessagesAsync(stack, m => true, 2, deadline.Token);
        await StayQuietAsync(stack, deadline.Token);
        var posts = stack.Slack.Delivered.Where(r => r.ApiMethod == "chat.postMessage").ToList();
        var sender = Assert.Single(cluster.Replicas, r => posts[0].Message?.Attachments[0].TitleLink?.StartsWith(r.BaseUrl.ToString().TrimEnd('/'), StringComparison.Ordinal) == true);
        await sender.KillAsync(deadline.Token);
        Output($"killed the replica that posted ({sender.BaseUrl}) with SIGKILL");

        await cluster.PostToRunningAsync([critical.Resolved()], deadline.Token);
        var resolved = await WaitForMessagesAsync(stack, m => m.Current.Attachments[0].Title?.StartsWith("✅ Resolved", StringComparison.Ordinal) == true, 2, deadline.Token);
        await StayQuietAsync(stack, deadline.Token);

        Log(stack);
        Assert.Equal(2, posts.Count);
        Assert.Equal(2, stack.Slack.Delivered.Count(r => r.ApiMethod == "chat.postMessage"));
        Assert.Equal(2, stack.Slack.Messages.Count);
        Assert.Equal(posted.Select(m => (m.ChannelId, m.Ts)).Order(), resolved.Select(m => (m.ChannelId, m.Ts)).Order());
        var updates = stack.Slack.Delivered.Where(r => r.ApiMethod == "chat.update").ToList();
        Assert.NotEmpty(updates);
        Assert.All(updates, u => Assert.DoesNotContain(sender.BaseUrl.ToString().TrimEnd('/'), u.Message?.Attachments[0].TitleLink ?? string.Empty, StringComparison.Ordinal));
        Assert.Equal(
            [stack.Channel(ChannelRole.All), stack.Channel(ChannelRole.Critical)],
            resolved.Select(m => m.ChannelName).Order(StringComparer.Ordinal));
    }

    [Fact(Timeout = 90_000)]
    public async Task A_revoked_token_is_a_clear_error_in_the_log_and_nothing_is_lost_once_it_is_replaced()
    {
        using var deadline = TestDeadline.After(TimeSpan.FromSeconds(85), TestContext.Current.CancellationToken);
        var binary = await RequiredBinaries.AlertmanagerAtLeastOrSkipAsync(SlackModes.AppModeMinimumVersion, "app mode (update_message)");
        await using var stack = await AppModeStack.StartAsync("1s", "2s", token: "xoxb-1000-2000-revoked");
        await using var alertmanager = await LocalAlertmanager.StartAsync(new LocalAlertmanagerOptions { ConfigFile = stack.ConfigFile, Binary = binary }, deadline.Token);

        await alertmanager.PostAlertsAsync([Critical("app-delta")], deadline.Token);
        await WaitForLogAsync(alertmanager, "invalid_auth", deadline.Token);
        var refused = stack.Slack.AllRequests.ToList();
        stack.RotateToken(AppModeStack.Token);
        var messages = await WaitForMessagesAsync(stack, m => Text(m).Contains("app-delta", StringComparison.Ordinal), 2, deadline.Token);

        Log(stack);
        var logLine = alertmanager.LogLines.First(l => l.Contains("invalid_auth", StringComparison.Ordinal));
        Output("Alertmanager log: " + logLine);
        Assert.Contains("error response from Slack: invalid_auth", logLine, StringComparison.Ordinal);
        Assert.DoesNotContain("revoked", alertmanager.Logs, StringComparison.Ordinal);
        Assert.DoesNotContain(AppModeStack.Token, alertmanager.Logs, StringComparison.Ordinal);
        Assert.NotEmpty(refused);
        Assert.All(refused, r => Assert.Equal("invalid_auth", r.Error));
        Assert.Equal([stack.Channel(ChannelRole.All), stack.Channel(ChannelRole.Critical)], messages.Select(m => m.ChannelName).Order(StringComparer.Ordinal));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_channel_the_app_was_not_invited_to_is_named_in_the_log_and_the_other_channels_still_get_their_message()
    {
        using var deadline = TestDeadline.After(TimeSpan.FromSeconds(55), TestContext.Current.CancellationToken);
        var binary = await RequiredBinaries.AlertmanagerAtLeastOrSkipAsync(SlackModes.AppModeMinimumVersion, "app mode (update_message)");
        await using var stack = await AppModeStack.StartAsync("1s", "2s", new SlackStandInOptions { WebApi = new SlackWebApiOptions { ChannelsWithoutApp = ["#ml-alerts-critical"] } });
        await using var alertmanager = await LocalAlertmanager.StartAsync(new LocalAlertmanagerOptions { ConfigFile = stack.ConfigFile, Binary = binary }, deadline.Token);

        await alertmanager.PostAlertsAsync([Critical("app-echo")], deadline.Token);
        var messages = await WaitForMessagesAsync(stack, m => true, 1, deadline.Token);
        await WaitForLogAsync(alertmanager, "not_in_channel", deadline.Token);

        Log(stack);
        Assert.Equal(stack.Channel(ChannelRole.All), Assert.Single(messages).ChannelName);
        var line = alertmanager.LogLines.First(l => l.Contains("not_in_channel", StringComparison.Ordinal));
        Output("Alertmanager log: " + line);
        Assert.Contains("#ml-alerts-critical", line, StringComparison.Ordinal);
    }

    private static PostableAlert Critical(string model) => GuideAlerts.ModelPerformanceDegraded("critical", model);

    private static PostableAlert Warning(string model) => GuideAlerts.ModelPerformanceDegraded("warning", model, mae: "0.35", threshold: "0.30");

    private static string Text(SlackPostedMessage message) =>
        string.Join('\n', message.Current.Attachments.SelectMany(a => new[] { a.Title, a.Text }));

    /// <summary>Waits until <paramref name="count"/> posted messages (each as its channel shows it now) match.</summary>
    private static async Task<IReadOnlyList<SlackPostedMessage>> WaitForMessagesAsync(AppModeStack stack, Func<SlackPostedMessage, bool> predicate, int count, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Delivery + (2 * ThreeReplicaCluster.PeerTimeout));
        try
        {
            while (true)
            {
                var matching = stack.Slack.Messages.Where(predicate).ToList();
                if (matching.Count >= count)
                {
                    return matching;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(100), timeout.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Log(stack);
            throw new TimeoutException($"Expected {count} matching Slack messages; the stand-in received: {string.Join("; ", stack.Slack.AllRequests)}");
        }
    }

    private static async Task WaitForLogAsync(LocalAlertmanager alertmanager, string text, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Delivery);
        while (!alertmanager.Logs.Contains(text, StringComparison.Ordinal))
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"'{text}' did not appear in the Alertmanager log:\n{alertmanager.Logs}");
            }
        }
    }

    /// <summary>Until every replica has had its turn and each group flushed once more.</summary>
    private static Task StayQuietAsync(AppModeStack stack, CancellationToken cancellationToken) =>
        Task.Delay(stack.GroupWait + (2 * ThreeReplicaCluster.PeerTimeout) + stack.GroupInterval + TimeSpan.FromSeconds(1), cancellationToken);

    private static void Log(AppModeStack stack)
    {
        foreach (var request in stack.Slack.AllRequests)
        {
            Output($"  {request} from {request.Message?.Attachments.FirstOrDefault()?.TitleLink}");
        }
    }

    private static void Output(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);
}
