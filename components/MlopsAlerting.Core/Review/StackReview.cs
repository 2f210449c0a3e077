using System.Globalization;
using System.Text;
using MlopsAlerting.Core.Config;
using MlopsAlerting.Core.Rendering;
using MlopsAlerting.Core.Settings;

namespace MlopsAlerting.Core.Review;

/// <summary>
/// The Markdown review of a stack that a platform team reads on a pull request: settings, secrets
/// (set or missing, never a value), routing, inhibition, resources, rules and the rendered files.
/// </summary>
public static class StackReview
{
    public static string Render(StackSettings s, RenderedConfiguration rendered, IReadOnlyList<ReviewSection>? extraSections = null)
    {
        var md = new StringBuilder();
        var am = s.Alertmanager;
        var r = s.Routing;
        md.AppendLine(CultureInfo.InvariantCulture, $"# Stack review: `{s.Stack}`").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Environment **{s.Environment}**, namespace `{s.Namespace}`, configuration checksum `{rendered.Checksum[..12]}`.").AppendLine();

        md.AppendLine("## Settings").AppendLine();
        md.AppendLine("| setting | value |").AppendLine("|---|---|");
        Row(md, "alertmanager.image", $"{am.Image}: {ImageCapabilities.Text(am.Capabilities)}");
        Row(md, "alertmanager.replicas", am.Replicas + (am.Clustered ? $" (gossiping cluster, quorum {am.Quorum})" : " (clustering off)"));
        Row(md, "alertmanager.externalUrl", am.ExternalUrl.OriginalString);
        Row(md, "alertmanager.resources", $"requests cpu {am.Resources.CpuRequest}, memory {am.Resources.MemoryRequest}; limits cpu {am.Resources.CpuLimit ?? "none"}, memory {am.Resources.MemoryLimit}");
        Row(md, "alertmanager.storage", am.Storage.Describe(am.Replicas));
        Row(md, "alertmanager.placement", string.Join("; ", am.Placement.Describe(am.Replicas)));
        Row(md, "routing.groupBy", "[" + string.Join(", ", r.GroupBy) + "] in the critical and warning channels; the all channel puts every alert in one message per flush");
        Row(md, "routing.groupWait / groupInterval / repeatInterval", $"{r.GroupWait} / {r.GroupInterval} / {r.RepeatInterval}");
        Row(md, "routing.resolveTimeout", r.ResolveTimeout.Text);
        foreach (var role in ChannelRoles.Every)
        {
            Row(md, $"slack.channels.{role.Key()}", s.Slack.Channels[role]);
        }

        Row(md, "slack.owner", s.Slack.Owner);
        Row(md, "slack.grafanaUrl", s.Slack.GrafanaUrl.OriginalString);
        Row(md, "slack.runbookBaseUrl / docsUrl", s.Slack.RunbookBaseUrl is { } runbookBase
            ? $"{runbookBase.OriginalString}: every alert links <this URL>/<AlertName> (slack.runbookBaseUrl)"
            : s.Slack.RunbookPages is { } pages
                ? $"{pages.AbsoluteUri.TrimEnd('/')}/<AlertName>.md: this project's runbook pages (docs/runbooks)"
                : "(none: set docsUrl to where this repository's docs/ folder is browsable; the git remote origin names no known host)");
        Row(md, "slack.mode", s.Slack.Mode == SlackMode.App
            ? "app: one bot token for every channel through chat.postMessage; a group's resolved and changed notifications edit its first message (update_message)"
            : "webhooks: one incoming webhook per channel; every notification is a new message");
        Row(md, "access.basicAuth", s.Access.BasicAuth.Enabled ? $"on, user `{s.Access.BasicAuth.Username}`" : "off");
        Row(md, "access.ingress", s.Access.Ingress.Enabled
            ? $"on, class {s.Access.Ingress.ClassName ?? "(cluster default)"}, TLS {s.Access.Ingress.TlsSecretName ?? "(none)"}, controller namespace `{s.Access.Ingress.ControllerNamespace}`"
            : "off");
        Row(md, "access.networkPolicy", s.Access.NetworkPolicy.Enabled
            ? "on; 9093 from " + string.Join("; ", s.Access.NetworkPolicy.AllowFrom.Select(Peer)) + "; Slack egress to " + string.Join(", ", s.Access.NetworkPolicy.SlackEgressCidrs)
            : "off");
        Row(md, "rules", $"{s.Rules.Target} watching `{s.Rules.Metric}`" + (s.Rules.Labels.Count == 0 ? string.Empty : ", labels " + string.Join(", ", s.Rules.Labels.Select(l => $"`{l.Key}={l.Value}`"))));
        Row(md, "cluster.domain / dns", $"`{s.Cluster.Domain}` / `{s.Cluster.Dns.Key()}`" + (s.Cluster.DnsCidrs.Count == 0 ? string.Empty : ", DNS also to " + string.Join(", ", s.Cluster.DnsCidrs)));
        Row(md, "cluster.ipFamily", $"{s.Cluster.IpFamily.Key()}: Prometheus finds the replicas by {s.Cluster.IpFamily.DnsRecordType()} records, gossip listens on {s.Cluster.IpFamily.ListenHost()}");
        Row(md, "heartbeat.interval", s.HeartbeatUrl.IsSet ? $"{s.Heartbeat.Interval} (a ping to the outside dead man's switch)" : $"{s.Heartbeat.Interval} (unused: heartbeatUrl is not set)");
        var p = s.Prometheus;
        Row(md, "prometheus.evaluationInterval / resendDelay", $"{p.EvaluationInterval} / {p.ResendDelay}: a firing alert reaches Alertmanager every {(long)p.ResendPeriod.TotalSeconds} s"
            + (am.Clustered ? $", so a new replica holds its notifications for {(long)p.StartDelay.TotalSeconds} s (evaluation interval + resend delay + the {(long)PrometheusTimings.DiscoveryRefresh.TotalSeconds} s DNS refresh) and turns ready only after it (the readiness probe's initial delay, {Workload.ReadinessDelay.SecondsAfter(p.StartDelay)} s)" : "; one replica has no start delay"));
        if (s.Migration.PatchForce)
        {
            Row(md, "migration.patchForce", "on: the namespace and Service take over fields other managers own (`kubectl apply`); turn it off after the migration's `pulumi up`");
        }

        Row(md, "models", ModelsSummary.Text(s.Models));
        md.AppendLine();

        md.AppendLine("## Secrets").AppendLine();
        if (s.Slack.Mode == SlackMode.App)
        {
            AppSecrets(md, s);
        }
        else
        {
            WebhookSecrets(md, s);
        }

        HeartbeatSecret(md, s);

        md.AppendLine("## Routing").AppendLine();
        md.AppendLine("Computed from the rendered route tree (tests check it against `amtool config routes test`).").AppendLine();
        md.AppendLine("| alert | labels | receivers | channels |").AppendLine("|---|---|---|---|");
        foreach (var row in RoutingTable.Compute(s))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {row.Alert} | {string.Join(", ", row.Labels.Select(l => $"`{l.Key}={l.Value}`"))} | {string.Join(", ", row.Receivers)} | {string.Join(", ", row.Channels)} |");
        }

        md.AppendLine().AppendLine("## Timing per channel").AppendLine();
        md.AppendLine(TimingTable.Render(s));

        md.AppendLine("## What watches what").AppendLine();
        md.AppendLine(WatchTable.Render(s));

        md.AppendLine("## Inhibition").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"While a `severity=\"critical\"` alert fires, `severity=\"warning\"` alerts with the same {string.Join(" and ", r.InhibitEqual.Select(l => $"`{l}`"))} stay quiet (any alert name). The critical must carry those labels, so a critical without them mutes nothing.").AppendLine();

        md.AppendLine("## Resources `pulumi up` declares").AppendLine();
        md.AppendLine("| kind | name | purpose |").AppendLine("|---|---|---|");
        foreach (var resource in PlannedResources.For(s))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {resource.Kind} | `{resource.Name}` | {resource.Purpose} |");
        }

        md.AppendLine();
        md.AppendLine("## Deploy notes").AppendLine();
        foreach (var note in DeployNotes.For(s))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- {note}");
        }

        md.AppendLine();
        foreach (var section in extraSections ?? [])
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"## {section.Title}").AppendLine().AppendLine(section.Markdown.TrimEnd()).AppendLine();
        }

        md.AppendLine("## Rendered configuration").AppendLine();
        foreach (var (name, content) in rendered.Files)
        {
            var fence = name.EndsWith(".yml", StringComparison.Ordinal) ? "yaml" : "gotemplate";
            md.AppendLine(CultureInfo.InvariantCulture, $"<details><summary><code>{name}</code></summary>").AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"```{fence}").Append(content.TrimEnd()).AppendLine().AppendLine("```").AppendLine().AppendLine("</details>").AppendLine();
        }

        return md.ToString();
    }

    private static void WebhookSecrets(StringBuilder md, StackSettings s)
    {
        md.AppendLine("| webhook | state |").AppendLine("|---|---|");
        foreach (var role in ChannelRoles.Every)
        {
            var webhook = s.SlackWebhooks.ByRole[role];
            var state = webhook.State switch
            {
                WebhookState.Missing when s.EscEnvironments.Count > 0 => EscEnvironments.Source(s.EscEnvironments),
                WebhookState.Missing => $"**missing**: `{SlackWebhooks.SetCommand(role, s.Stack)}`",
                WebhookState.Encrypted => "set (encrypted in the stack file)",
                _ => "set (secret)",
            };
            Row(md, $"slackWebhooks.{role.Key()} ({s.Slack.Channels[role]})", state);
        }

        md.AppendLine();
        if (s.SlackWebhooks.Missing.Any())
        {
            md.AppendLine(s.EscEnvironments.Count > 0
                ? "`pulumi up` reads these from the environments' `pulumiConfig` (as `mlops-alerting:slackWebhooks`, each a `fn::secret`) and stops, naming the key, if none sets one; rendering and this review do not need them."
                : "`pulumi up` stops until every webhook is set; rendering and this review do not need them.").AppendLine();
        }
    }

    private static void AppSecrets(StringBuilder md, StackSettings s)
    {
        md.AppendLine("| secret | state |").AppendLine("|---|---|");
        var state = s.SlackBotToken.State switch
        {
            WebhookState.Missing when s.EscEnvironments.Count > 0 => EscEnvironments.Source(s.EscEnvironments),
            WebhookState.Missing => $"**missing**: `{SlackBotToken.SetCommand(s.Stack)}`",
            WebhookState.Encrypted => "set (encrypted in the stack file)",
            _ => "set (secret)",
        };
        Row(md, $"{SlackBotToken.Key} (every channel: {string.Join(", ", ChannelRoles.Every.Select(r => s.Slack.Channels[r]))})", state);
        md.AppendLine();
        md.AppendLine("The Slack app needs the bot scope `chat:write` and must be invited to each channel (`/invite @app` there); slackWebhooks are not used in this mode.").AppendLine();
        if (s.SlackBotToken.State == WebhookState.Missing)
        {
            md.AppendLine(s.EscEnvironments.Count > 0
                ? "`pulumi up` reads the token from the environments' `pulumiConfig` (as `mlops-alerting:slackBotToken`, a `fn::secret`) and stops if none sets it; rendering and this review do not need it."
                : "`pulumi up` stops until the token is set; rendering and this review do not need it.").AppendLine();
        }
    }

    private static void HeartbeatSecret(StringBuilder md, StackSettings s)
    {
        var state = s.HeartbeatUrl.State switch
        {
            WebhookState.Missing when s.EscEnvironments.Count > 0 => $"not in the stack file; {EscEnvironments.Source(s.EscEnvironments)} if one sets `mlops-alerting:heartbeatUrl` (optional). This review shows the stack without a heartbeat",
            WebhookState.Missing => $"not set (optional): `{HeartbeatUrl.SetCommand(s.Stack)}`",
            WebhookState.Encrypted => "set (encrypted in the stack file)",
            _ => "set (secret)",
        };
        md.AppendLine("| heartbeat | state |").AppendLine("|---|---|");
        Row(md, HeartbeatUrl.Key, state);
        md.AppendLine();
    }

    private static void Row(StringBuilder md, string key, string value) =>
        md.AppendLine(CultureInfo.InvariantCulture, $"| `{key}` | {value.Replace("|", "\\|", StringComparison.Ordinal)} |");

    private static string Peer(NetworkPeer peer) =>
        peer.PodLabels.Count == 0 ? $"namespace `{peer.Namespace}`" : $"namespace `{peer.Namespace}` pods {string.Join(", ", peer.PodLabels.Select(l => $"`{l.Key}={l.Value}`"))}";
}
