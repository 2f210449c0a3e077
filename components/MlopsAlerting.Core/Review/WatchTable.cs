using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using MlopsAlerting.Core.Rules;
using MlopsAlerting.Core.Settings;
using MlopsAlerting.Core.Workload;

namespace MlopsAlerting.Core.Review;

/// <summary>
/// The review's "What watches what": one row per link between a model and a person, what notices that link breaking,
/// where a person is told, and the worst-case time until then at the stack's own timings, Prometheus's evaluation
/// interval and resend delay as the stack declares them (<c>prometheus.*</c>) and its scrape interval at the default.
/// </summary>
public static partial class WatchTable
{
    /// <summary>The line a stack without a heartbeat gets instead of the heartbeat rows.</summary>
    public const string NoHeartbeat = "Nothing outside watches the alerting: with `heartbeatUrl` unset, Prometheus down, the rule file not loaded, every replica down, a wrong password between Prometheus and Alertmanager or Slack itself broken all leave the channels quiet.";

    // Not a setting of this stack: Prometheus's default scrape_interval, which the exporter's and Alertmanager's jobs keep.
    private static readonly TimeSpan Scrape = TimeSpan.FromMinutes(1);

    /// <summary>The table of <paramref name="settings"/>, from the rule file the stack renders (<see cref="StackRules.Render(StackSettings)"/>).</summary>
    public static string Render(StackSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Render(settings, StackRules.Render(settings));
    }

    /// <summary>
    /// The table of <paramref name="settings"/> whose rule file is <paramref name="rules"/>: every alert a row names, its
    /// severity, its wait and the channels it reaches are read from those rules and the rendered routes, and every
    /// self-alert of the rules has a row.
    /// </summary>
    public static string Render(StackSettings settings, RenderedRules rules)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(rules);
        var alerts = WatchedAlert.Of(settings, rules);
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        var p = (Scrape, Evaluation: settings.Prometheus.EvaluationInterval.Value, ResendDelay: settings.Prometheus.ResendDelay.Value);
        var all = Channel(settings, ChannelRole.All);
        var toAll = Worst(settings, ChannelRole.All);
        var interval = settings.Heartbeat.Interval.Value;
        var grace = OutsideGrace(settings);
        var holdBack = HeartbeatTiming.HoldBackWindow(settings);
        var capabilities = settings.Alertmanager.Capabilities;
        var heartbeat = Find(alerts, claimed, HeartbeatRule.AlertName) is not null;
        var heartbeatName = $"`{HeartbeatRule.AlertName}`";

        // Alertmanager forgets an alert Prometheus stopped sending at its end time: 4 × max(resend delay, evaluation interval).
        var expiry = 4 * Max(p.ResendDelay, p.Evaluation);
        var outside = interval + grace;

        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"Worst case from the break, with Prometheus evaluating every {Text(p.Evaluation)} and resending every {Text(p.ResendDelay)} (`prometheus.*`) and scraping every {Text(p.Scrape)}; a self-alert reaches {all} within its `for`, an evaluation and {Text(toAll)} (the all channel's worst case), and its severity's channel too. Alerts, severities and waits are those of the rendered rule file.").AppendLine();
        md.AppendLine("| link | what notices it breaking | where a person is told | within |");
        md.AppendLine("|---|---|---|---|");
        AlertRow(md, settings, "model exporter → Prometheus", Take(alerts, claimed, ModelAlertRules.MissingAlertName), string.Empty, p.Scrape + p.Evaluation + toAll);
        AlertRow(md, settings, "Prometheus evaluating the model rules", Take(alerts, claimed, SelfAlertRules.RuleFailures, SelfAlertRules.MissedIterations), string.Empty, (2 * p.Evaluation) + toAll);
        OutsideRow(md, "the rule file loaded at all; Prometheus up", heartbeat, $"{heartbeatName} stops (it is in the model rules' group)", expiry + outside, without: "nothing");
        AlertRow(md, settings, "Prometheus → one Alertmanager", Take(alerts, claimed, SelfAlertRules.SendErrors, SelfAlertRules.TooFewAlertmanagers), ", through the other replicas", p.Evaluation + toAll);
        AlertRow(md, settings, "Prometheus's queue of alerts to send", Take(alerts, claimed, SelfAlertRules.Dropped), string.Empty, p.Evaluation + toAll);
        OutsideRow(md, "Prometheus → every Alertmanager (401, NetworkPolicy, DNS)", heartbeat, $"{heartbeatName} stops once Alertmanager lets it expire", expiry + outside);
        var targetDown = Find(alerts, claimed, SelfAlertRules.TargetDown);
        OutsideRow(md, "every Alertmanager replica", heartbeat, $"{heartbeatName} stops at once" + (targetDown is null ? string.Empty : $"; `{targetDown.Name}` cannot be delivered"), outside);
        AlertRow(md, settings, "Alertmanager metrics scraped", Take(alerts, claimed, SelfAlertRules.TargetDown, SelfAlertRules.NotScraped), string.Empty, p.Evaluation + toAll);
        AlertRow(md, settings, "Prometheus's own metrics scraped (the Prometheus-side alerts read them)", Take(alerts, claimed, SelfAlertRules.SelfMetricsMissing), string.Empty, p.Evaluation + toAll);
        if (settings.Alertmanager.Clustered)
        {
            AlertRow(md, settings, "replicas' gossip", Take(alerts, claimed, SelfAlertRules.MembersInconsistent), string.Empty, p.Scrape + p.Evaluation + toAll);
        }

        // A configuration that differs between replicas is normal during a rollout, so its alert waits for pulumi up's rollout wait and more.
        AlertRow(md, settings, settings.Alertmanager.Clustered ? "one configuration on every replica, loaded" : "the configuration loaded",
            Take(alerts, claimed, SelfAlertRules.ConfigInconsistent, SelfAlertRules.ConfigReloadFailed), string.Empty, p.Scrape + p.Evaluation + toAll);

        var delivery = Take(alerts, claimed, SelfAlertRules.ChannelUndeliverable, SelfAlertRules.NotificationsFailing);
        if (capabilities.ReceiverNameInMetrics)
        {
            foreach (var role in ChannelRoles.Every)
            {
                var first = role == ChannelRole.All ? ChannelRole.Critical : ChannelRole.All;
                AlertRow(md, settings, $"Alertmanager → {settings.Slack.Channels[role]}", delivery, ", after the first notification to it fails", holdBack + p.Scrape + p.Evaluation + Worst(settings, first), broken: role, after: " after that failure");
            }
        }
        else
        {
            // Without receiver_name the delivery alerts add up every Slack receiver: a working channel's successes hide a broken one.
            var names = delivery.Count == 0 ? "the delivery self-alerts" : string.Join(", ", delivery.Select(Named));
            Row(md, "Alertmanager → one Slack channel (a revoked webhook, an archived channel)",
                $"nothing while another channel delivers: Alertmanager {capabilities.VersionText} puts no receiver name on its notification counters ({AlertmanagerCapabilities.ReceiverNameInMetricsSince} or newer), so {names} see Slack as a whole",
                "nobody", "never");
        }

        OutsideRow(md, "Alertmanager → Slack, every channel", heartbeat, $"{heartbeatName} held back while Slack notifications fail and none succeed within {Text(holdBack)}", holdBack + p.Scrape + p.Evaluation + outside, " after the first failed notification",
            "nothing: a Slack message cannot say Slack is broken");
        if (heartbeat)
        {
            // Every ping within one and a half intervals failed, then the alert's own wait; the outside check has paged by then.
            AlertRow(md, settings, "Alertmanager → the outside check (ping URL revoked, egress blocked)", Take(alerts, claimed, SelfAlertRules.HeartbeatUndeliverable),
                "; the outside check pages too, as its pings stop", SelfAlertRules.HeartbeatDeliveryWindow(settings) + p.Scrape + p.Evaluation + toAll, after: " after the first failed ping");
        }

        // A self-alert no row above claims still gets one, so the table never leaves out an alert the rules raise.
        foreach (var alert in alerts.Values.Where(a => a.SelfAlert && !claimed.Contains(a.Name)))
        {
            AlertRow(md, settings, LinkOf(alert), [alert], string.Empty, p.Scrape + p.Evaluation + toAll);
        }

        if (heartbeat)
        {
            md.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Heartbeat: a ping every {settings.Heartbeat.Interval}; set the outside check's period to {settings.Heartbeat.Interval} and its grace to {Text(grace)} (docs/self-watch.md).");
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

    private static string Channel(StackSettings settings, ChannelRole role) => $"`{settings.Slack.Channels[role]}`";

    private static WatchedAlert? Find(IReadOnlyDictionary<string, WatchedAlert> alerts, HashSet<string> claimed, string name)
    {
        if (!alerts.TryGetValue(name, out var alert))
        {
            return null;
        }

        claimed.Add(name);
        return alert;
    }

    /// <summary>The rendered alerts among <paramref name="names"/>, in that order; a name the rules do not have is left out.</summary>
    private static List<WatchedAlert> Take(IReadOnlyDictionary<string, WatchedAlert> alerts, HashSet<string> claimed, params string[] names) =>
        [.. names.Select(n => Find(alerts, claimed, n)).OfType<WatchedAlert>()];

    private static string Named(WatchedAlert alert) => $"`{alert.Name}` ({alert.Severity})";

    /// <summary>A row of Slack-delivered alerts: the channels their routes reach (but the broken one), within the longest wait of them and <paramref name="then"/>.</summary>
    private static void AlertRow(StringBuilder md, StackSettings settings, string link, IReadOnlyList<WatchedAlert> alerts, string suffix, TimeSpan then, ChannelRole? broken = null, string after = "")
    {
        var told = alerts.SelectMany(a => a.Channels).Where(r => r != broken).Distinct().Order().ToList();
        if (alerts.Count == 0 || told.Count == 0)
        {
            Row(md, link, alerts.Count == 0 ? "nothing" : string.Join(", ", alerts.Select(Named)) + suffix, "nobody", "never");
            return;
        }

        var wait = alerts.Max(a => a.Wait);
        Row(md, link, string.Join(", ", alerts.Select(Named)) + suffix, string.Join(", ", told.Select(r => Channel(settings, r))), Text(wait + then) + after);
    }

    /// <summary>A row only the outside dead man's switch watches: the heartbeat's bound, or nobody without one.</summary>
    private static void OutsideRow(StringBuilder md, string link, bool heartbeat, string notices, TimeSpan within, string after = "", string without = "nothing can deliver")
    {
        if (heartbeat)
        {
            Row(md, link, notices, "the outside dead man's switch", Text(within) + after);
        }
        else
        {
            Row(md, link, without, "nobody", "never");
        }
    }

    /// <summary>The link of a self-alert no row names: its summary without template actions.</summary>
    private static string LinkOf(WatchedAlert alert)
    {
        var text = TemplateAction().Replace(alert.Summary, string.Empty);
        return "what `" + alert.Name + "` watches: " + Spaces().Replace(text, " ").Trim().Replace("|", "\\|", StringComparison.Ordinal);
    }

    [GeneratedRegex("\\{\\{.*?\\}\\}", RegexOptions.CultureInvariant)]
    private static partial Regex TemplateAction();

    [GeneratedRegex("\\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Spaces();

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
