using System.Globalization;
using System.Text;
using MlopsAlerting.Core.Rules;
using MlopsAlerting.Core.Settings;

namespace MlopsAlerting.Core.Review;

/// <summary>
/// The review's "What watches what": one row per link between a model and a person, what notices that link breaking,
/// where a person is told, and the worst-case time until then at the stack's own timings, Prometheus's evaluation
/// interval and resend delay as the stack declares them (<c>prometheus.*</c>) and its scrape interval at the default.
/// </summary>
public static class WatchTable
{
    /// <summary>The line a stack without a heartbeat gets instead of the heartbeat rows.</summary>
    public const string NoHeartbeat = "Nothing outside watches the alerting: with `heartbeatUrl` unset, Prometheus down, the rule file not loaded, every replica down, a wrong password between Prometheus and Alertmanager or Slack itself broken all leave the channels quiet.";

    // Not a setting of this stack: Prometheus's default scrape_interval, which the exporter's and Alertmanager's jobs keep.
    private static readonly TimeSpan Scrape = TimeSpan.FromMinutes(1);

    public static string Render(StackSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var p = (Scrape, Evaluation: settings.Prometheus.EvaluationInterval.Value, ResendDelay: settings.Prometheus.ResendDelay.Value);
        var all = $"`{settings.Slack.Channels[ChannelRole.All]}`";
        var crit = $"`{settings.Slack.Channels[ChannelRole.Critical]}`";
        var warn = $"`{settings.Slack.Channels[ChannelRole.Warning]}`";
        var toAll = Worst(settings, ChannelRole.All);
        var self = SelfAlertTimings.Prod;
        var deliveryFor = SelfAlertRules.DeliveryFor(settings);
        var interval = settings.Heartbeat.Interval.Value;
        var grace = OutsideGrace(settings);
        var heartbeat = settings.HeartbeatUrl.IsSet;

        // Alertmanager forgets an alert Prometheus stopped sending at its end time: 4 × max(resend delay, evaluation interval).
        var expiry = 4 * Max(p.ResendDelay, p.Evaluation);
        var outside = interval + grace;

        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"Worst case from the break, with Prometheus evaluating every {Text(p.Evaluation)} and resending every {Text(p.ResendDelay)} (`prometheus.*`) and scraping every {Text(p.Scrape)}; a self-alert reaches {all} within its `for`, an evaluation and {Text(toAll)} (the all channel's worst case), and its severity's channel too.").AppendLine();
        md.AppendLine("| link | what notices it breaking | where a person is told | within |");
        md.AppendLine("|---|---|---|---|");
        Row(md, "model exporter → Prometheus", $"`{ModelAlertRules.MissingAlertName}` ({settings.Rules.MissingSeverity})", $"{all}, `{settings.Slack.Channels[settings.Rules.MissingSeverity == "critical" ? ChannelRole.Critical : ChannelRole.Warning]}`", Text(settings.Rules.MissingFor.Value + p.Scrape + p.Evaluation + toAll));
        Row(md, "Prometheus evaluating the model rules", $"`{SelfAlertRules.RuleFailures}` (critical), `{SelfAlertRules.MissedIterations}` (warning)", $"{all}, {crit} / {warn}", Text(self.For + (2 * p.Evaluation) + toAll));
        Row(md, "the rule file loaded at all; Prometheus up", heartbeat ? $"`{HeartbeatRule.AlertName}` stops (it is in the model rules' group)" : "nothing", heartbeat ? "the outside dead man's switch" : "nobody", heartbeat ? Text(expiry + outside) : "never");
        Row(md, "Prometheus → one Alertmanager", $"`{SelfAlertRules.SendErrors}`, `{SelfAlertRules.TooFewAlertmanagers}` (warning), through the other replicas", $"{all}, {warn}", Text(self.For + p.Evaluation + toAll));
        Row(md, "Prometheus → every Alertmanager (401, NetworkPolicy, DNS)", heartbeat ? $"`{HeartbeatRule.AlertName}` stops once Alertmanager lets it expire" : "nothing can deliver", heartbeat ? "the outside dead man's switch" : "nobody", heartbeat ? Text(expiry + outside) : "never");
        Row(md, "every Alertmanager replica", heartbeat ? $"`{HeartbeatRule.AlertName}` stops at once; `{SelfAlertRules.TargetDown}` cannot be delivered" : "nothing can deliver", heartbeat ? "the outside dead man's switch" : "nobody", heartbeat ? Text(outside) : "never");
        Row(md, "Alertmanager metrics scraped", $"`{SelfAlertRules.TargetDown}`, `{SelfAlertRules.NotScraped}` (warning)", $"{all}, {warn}", Text(self.AbsentFor + p.Evaluation + toAll));
        if (settings.Alertmanager.Clustered)
        {
            // The members' max_over_time keeps the last good count for a window before the wait starts.
            Row(md, "replicas' gossip; one configuration", $"`{SelfAlertRules.MembersInconsistent}`, `{SelfAlertRules.ConfigInconsistent}` (warning), `{SelfAlertRules.ConfigReloadFailed}` (critical)", $"{all}, {warn} / {crit}", Text(self.Window + self.For + p.Scrape + p.Evaluation + toAll));
        }
        else
        {
            Row(md, "the configuration loaded", $"`{SelfAlertRules.ConfigReloadFailed}` (critical)", $"{all}, {crit}", Text(self.For + p.Scrape + p.Evaluation + toAll));
        }

        foreach (var role in ChannelRoles.Every)
        {
            var others = role == ChannelRole.All ? crit : all;
            Row(md, $"Alertmanager → {settings.Slack.Channels[role]}", $"`{SelfAlertRules.ChannelUndeliverable}` (critical), `{SelfAlertRules.NotificationsFailing}` (warning), after the first notification to it fails", others,
                $"{Text(HeartbeatTiming.HoldBackWindow(settings) + deliveryFor + p.Scrape + p.Evaluation + Worst(settings, role == ChannelRole.All ? ChannelRole.Critical : ChannelRole.All))} after that failure");
        }

        Row(md, "Alertmanager → Slack, every channel", heartbeat ? $"`{HeartbeatRule.AlertName}` held back while Slack notifications fail and none succeed within {Text(HeartbeatTiming.HoldBackWindow(settings))}" : "nothing: a Slack message cannot say Slack is broken", heartbeat ? "the outside dead man's switch" : "nobody",
            heartbeat ? $"{Text(HeartbeatTiming.HoldBackWindow(settings) + p.Scrape + p.Evaluation + outside)} after the first failed notification" : "never");
        if (heartbeat)
        {
            Row(md, "the heartbeat itself (ping URL revoked)", $"`{SelfAlertRules.NotificationsFailing}` for the webhook receiver `heartbeat`; the outside service pages too", $"{all}, {warn}", Text(interval + HeartbeatTiming.HoldBackWindow(settings) + deliveryFor + p.Scrape + p.Evaluation + toAll));
            md.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Heartbeat: a ping every {settings.Heartbeat.Interval}; set the outside check's period to {settings.Heartbeat.Interval} and its grace to {Text(grace)} (README, \"The alerting watches itself\").");
        }
        else
        {
            md.AppendLine().AppendLine(NoHeartbeat);
        }

        return md.ToString();
    }

    /// <summary>The grace the outside check should allow: a restarted heartbeat group pings after its group_wait, and a ping may come one evaluation late.</summary>
    public static TimeSpan OutsideGrace(StackSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Heartbeat.Interval.Value;
    }

    private static TimeSpan Worst(StackSettings settings, ChannelRole role)
    {
        var t = settings.Routing.TimingOf(role);
        return Max(t.GroupWait.Value, t.GroupInterval.Value);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static void Row(StringBuilder md, string link, string notices, string told, string within) =>
        md.AppendLine(CultureInfo.InvariantCulture, $"| {link} | {notices} | {told} | {within} |");

    /// <summary>A duration as the review writes it: <c>14m</c>, <c>6m30s</c>, <c>45s</c>.</summary>
    public static string Text(TimeSpan value)
    {
        var seconds = (long)Math.Ceiling(value.TotalSeconds);
        var (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
        var text = (h > 0 ? $"{h}h" : string.Empty) + (m > 0 ? $"{m}m" : string.Empty) + (s > 0 ? $"{s}s" : string.Empty);
        return text.Length == 0 ? "0s" : text;
    }
}
