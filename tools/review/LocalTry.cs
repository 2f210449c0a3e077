using MlopsAlerting.Core.Rules;
using MlopsAlerting.Core.Settings;
using MlopsAlerting.Core.Workload;
using MlopsAlerting.LocalRun;

namespace MlopsAlerting.Review;

/// <summary>
/// The guide's step 5 on this machine: the stack's configuration on a local Alertmanager, the
/// guide's test alert, a critical model alert and its resolution, every Slack message printed
/// as its channel would show it. In app mode the stand-in speaks Slack's Web API behind a loopback
/// proxy for slack.com, so the resolution shows as an edit (<c>chat.update</c>) of the critical's
/// message. Only loopback traffic; everything started is stopped.
/// </summary>
internal static class LocalTry
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(StackSettings stack, TextWriter output)
    {
        var binary = AlertmanagerBinary.Locate();
        if (binary is null)
        {
            output.WriteLine($"review --try needs an Alertmanager binary: {AlertmanagerBinary.InstallHint}");
            return 1;
        }

        var appMode = stack.Slack.Mode == SlackMode.App;
        if (appMode && await binary.ServerVersionAsync() is { } version && !AlertmanagerCapabilities.Of(version).SlackAppMode)
        {
            output.WriteLine($"review --try: slack.mode app needs Alertmanager {AlertmanagerCapabilities.SlackAppModeSince} or newer (update_message), but {binary.ServerPath} is {version}. Fix: set ALERTMANAGER_BIN to a newer alertmanager binary.");
            return 1;
        }

        // Timings shortened so the run takes seconds; everything else is the stack's own configuration.
        // The heartbeat's route and receiver need an outside URL and only Prometheus fires the heartbeat; --try posts the
        // guide's alerts to Slack stand-ins, so it runs the stack without them.
        var settings = StandInConfiguration.WithTimings(stack, "1s", "2s") with { HeartbeatUrl = HeartbeatUrl.Missing };
        var work = Directory.CreateTempSubdirectory("mlops-alerting-try-");
        try
        {
            await using var slack = await SlackStandIn.StartAsync(new SlackStandInOptions
            {
                WebApi = new SlackWebApiOptions { BotTokens = [StandInConfiguration.LocalBotToken] },
            });
            await using var proxy = appMode ? await SlackApiProxy.StartAsync(slack) : null;
            var local = await StandInConfiguration.WriteAsync(settings, slack, work.FullName, CancellationToken.None, proxy);
            await using var alertmanager = await LocalAlertmanager.StartAsync(new LocalAlertmanagerOptions
            {
                ConfigFile = local.ConfigFile,
                Binary = binary,
                ExternalUrl = settings.Alertmanager.ExternalUrl,
            });
            output.WriteLine($"Alertmanager {binary.ServerPath} runs stack '{settings.Stack}' on {alertmanager.BaseUrl} (group_wait 1s, group_interval 2s for this run; the stack uses {stack.Routing.GroupWait} and {stack.Routing.GroupInterval}).");
            output.WriteLine(appMode
                ? $"Slack Web API stand-in on {slack.BaseUrl}, reached as https://slack.com/api/chat.postMessage through the loopback proxy {proxy!.ProxyUrl} (this run's CA only); a stand-in bot token is a file in {local.WebhookDirectory}."
                : $"Slack stand-in on {slack.BaseUrl}; the webhook of each channel is a file in {local.WebhookDirectory}.");
            output.WriteLine();

            var channel = ChannelRoles.Every.ToDictionary(r => r.Key(), r => settings.Slack.Channels[r]);
            var model = settings.Models.FirstOrDefault();
            var critical = GuideAlerts.ModelPerformanceDegraded("critical", GuideAlerts.Model, "0.45", ModelAlertRules.Threshold(model?.MaeCritical ?? 0.40m), model?.Version ?? "v1.0");

            output.WriteLine("1. The guide's test alert (TestAlert, warning, california-housing), POST /api/v2/alerts:");
            await alertmanager.PostAlertsAsync([GuideAlerts.TestAlert()]);
            await PrintAsync(slack, 2, channel, output);

            output.WriteLine("2. A critical ModelPerformanceDegraded for california-housing (it mutes the model's warnings):");
            await alertmanager.PostAlertsAsync([critical]);
            await PrintAsync(slack, 2, channel, output);

            output.WriteLine(appMode ? "3. The critical resolves (app mode: its messages are edited in place, same ts):" : "3. The critical resolves:");
            await alertmanager.PostAlertsAsync([critical.Resolved()]);
            await PrintAsync(slack, 2, channel, output);

            var alerts = await alertmanager.GetAlertsAsync();
            output.WriteLine($"Alertmanager now holds {alerts.Count} alert(s). Stopping the local Alertmanager and the stand-in.");
            return 0;
        }
        catch (TimeoutException e)
        {
            output.WriteLine($"review --try: a message did not arrive in time: {e.Message}");
            return 1;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task PrintAsync(SlackStandIn slack, int count, IReadOnlyDictionary<string, string> channel, TextWriter output)
    {
        var before = slack.Delivered.Count;
        var all = await slack.WaitForDeliveredAsync(_ => true, before + count, Wait);
        foreach (var request in all.Skip(before))
        {
            output.Write(SlackMessageText.Render(request, channel.GetValueOrDefault(request.WebhookName, request.WebhookName)));
            output.WriteLine();
        }
    }
}
