using MlopsAlerting.Core.Config;
using MlopsAlerting.Core.Workload;

namespace MlopsAlerting.Core.Settings;

/// <summary>
/// The checks that need more than one section, run by <see cref="SettingsBinder"/> once every section is bound; each
/// reports at a key of one of the sections it reads.
/// </summary>
internal static class CrossSectionChecks
{
    /// <summary>
    /// The heartbeat's route must flush at least as far apart as the replicas' lag (like every route), and the receiver's
    /// <c>url_file</c> needs an Alertmanager that knows it.
    /// </summary>
    public static void CheckHeartbeat(BindingContext ctx, string stack, HeartbeatUrl url, HeartbeatSettings? heartbeat, AlertmanagerSettings? alertmanager, MapNode root)
    {
        if (!url.IsSet || alertmanager is null)
        {
            return;
        }

        var capabilities = alertmanager.Capabilities;
        if (!capabilities.HeartbeatUrlFile)
        {
            var since = AlertmanagerCapabilities.HeartbeatUrlFileSince;
            ctx.Error(HeartbeatUrl.Key, $"is set, but '{alertmanager.Image}' is Alertmanager {capabilities.VersionText}{DeclaredNote(capabilities)}, whose webhook receiver does not know url_file, which keeps the heartbeat URL out of the configuration ({since} or newer)",
                $"use {since} or newer, e.g. `image: {SettingsSchema.DefaultImage}`, or run `pulumi config rm {HeartbeatUrl.Key} --stack {stack}`", root[HeartbeatUrl.Key]);
        }

        var minimum = ClusterTiming.MinimumGroupInterval(alertmanager.Replicas);
        if (heartbeat is not null && alertmanager.Clustered && heartbeat.Interval.Value < minimum)
        {
            ctx.Error("heartbeat.interval", $"{heartbeat.Interval} is shorter than the {AlertmanagerDurationText.Of(minimum)} every route of {alertmanager.Replicas} replicas needs", $"set `interval: {AlertmanagerDurationText.Of(minimum)}` or longer", (root["heartbeat"] as MapNode)?["interval"]);
        }
    }

    /// <summary>
    /// The NetworkPolicy lets Alertmanager out on TCP 443 only (Slack's port), so a heartbeat URL on another port would
    /// have every ping blocked and the outside check page from its first interval, with nothing saying why. Refused
    /// rather than opening the port: every dead man's switch service serves its ping URLs on 443, and a stack that
    /// needs another port has its own egress rules and turns the policy off.
    /// </summary>
    public static void CheckHeartbeatEgress(BindingContext ctx, string stack, HeartbeatUrl url, AccessSettings? access, MapNode root)
    {
        if (url.State != WebhookState.Provided || url.Value is not { IsPending: false } value || access is null || HeartbeatPortProblem(value.Reveal(), access) is not { } problem)
        {
            return;
        }

        ctx.Error(HeartbeatUrl.Key, problem, HeartbeatPortFix(stack), root[HeartbeatUrl.Key]);
    }

    /// <summary>Why the NetworkPolicy would block every ping to this URL; null when it would not.</summary>
    public static string? HeartbeatPortProblem(string url, AccessSettings access) =>
        !access.NetworkPolicy.Enabled || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Port == HttpsPort
            ? null
            : $"names port {uri.Port}, but the NetworkPolicy lets Alertmanager out on TCP {HttpsPort} only, so every ping would be blocked and the outside check would page from its first interval; the value is not shown because it is secret";

    public static string HeartbeatPortFix(string stack) =>
        $"use the check's ping URL on port {HttpsPort} and run: {HeartbeatUrl.SetCommand(stack)}, or set `access.networkPolicy.enabled: false` where the cluster's own policies open that port";

    /// <summary>The port the NetworkPolicy opens for Slack and the heartbeat.</summary>
    public const int HttpsPort = 443;

    public static void CheckAppMode(BindingContext ctx, SlackSettings? slack, AlertmanagerSettings? alertmanager, MapNode root)
    {
        if (slack?.Mode != SlackMode.App || alertmanager is null)
        {
            return;
        }

        var capabilities = alertmanager.Capabilities;
        if (!capabilities.SlackAppMode)
        {
            var since = AlertmanagerCapabilities.SlackAppModeSince;
            var node = ctx.Object(root["alertmanager"], "alertmanager")?["image"];
            ctx.Error("alertmanager.image", $"'{alertmanager.Image}' is Alertmanager {capabilities.VersionText}{DeclaredNote(capabilities)}, whose Slack notifier does not know update_message, which slack.mode app needs ({since} or newer)", $"use {since} or newer, e.g. `image: {SettingsSchema.DefaultImage}`, or set `slack.mode: webhooks`", node);
        }
    }

    private static string DeclaredNote(AlertmanagerCapabilities capabilities) =>
        capabilities.Declared ? " (alertmanager.imageVersion)" : string.Empty;

    /// <summary>
    /// The all and critical channels' group_interval defaults to their groupWait; with replicas it is
    /// raised to <see cref="ClusterTiming.MinimumGroupInterval"/> where that is longer, so defaults never
    /// trip the check below. A value the stack sets itself is never changed, only checked.
    /// </summary>
    public static RoutingSettings RaiseDefaultIntervals(AlertmanagerSettings alertmanager, RoutingSettings routing)
    {
        var minimum = ClusterTiming.MinimumGroupInterval(alertmanager.Replicas);
        var channels = new Dictionary<ChannelRole, ChannelTimingOverrides>(routing.Channels ?? new Dictionary<ChannelRole, ChannelTimingOverrides>());
        foreach (var role in new[] { ChannelRole.All, ChannelRole.Critical })
        {
            var set = channels.GetValueOrDefault(role);
            if (set?.GroupInterval is null && routing.TimingOf(role).GroupInterval.Value < minimum)
            {
                var raised = AlertmanagerDuration.Parse(AlertmanagerDurationText.Of(minimum));
                channels[role] = (set ?? new ChannelTimingOverrides(null, null, null)) with { GroupInterval = raised };
            }
        }

        return routing with { Channels = channels };
    }

    /// <summary>
    /// Refuses a route whose group_interval is not comfortably above the cluster's notification lag
    /// (see <see cref="ClusterTiming"/>): a group changing within it is re-sent stale by a lagging replica.
    /// </summary>
    public static void CheckReplicaTimings(BindingContext ctx, string stack, AlertmanagerSettings alertmanager, RoutingSettings routing, MapNode? routingMap, MapNode? alertmanagerMap)
    {
        if (!alertmanager.Clustered)
        {
            return;
        }

        var lag = ClusterTiming.Lag(alertmanager.Replicas);
        var minimum = ClusterTiming.MinimumGroupInterval(alertmanager.Replicas);
        var peerTimeout = ClusterTiming.PeerTimeout;
        var channelsMap = routingMap?["channels"] as MapNode;
        foreach (var role in ChannelRoles.Every)
        {
            var interval = routing.TimingOf(role).GroupInterval;
            if (interval.Value >= minimum)
            {
                continue;
            }

            var path = $"routing.channels.{role.Key()}.groupInterval";
            var own = (channelsMap?[role.Key()] as MapNode)?["groupInterval"];
            // Unset, the all and critical intervals were raised above; the warning channel's comes from routing.groupInterval.
            var source = own is not null ? string.Empty : " (from routing.groupInterval)";
            var mark = own ?? routingMap?["groupInterval"] ?? alertmanagerMap?["replicas"];
            ctx.Error(
                path,
                $"{interval}{source} is not comfortably above what {alertmanager.Replicas} replicas need: the last replica sends ({alertmanager.Replicas} − 1) × {peerTimeout} peer timeout = {Seconds(lag)} after each flush, "
                    + $"so a group that changes within that is sent again from its stale view (duplicates, a muted warning, a critical after its resolve); it must be at least twice that, {Seconds(minimum)}",
                $"run `pulumi config set --path {path} {Seconds(minimum)} --stack {stack}` (or longer), or run fewer replicas",
                mark);
        }

        static string Seconds(TimeSpan value) => AlertmanagerDurationText.Of(value);
    }

    public static AccessSettings? WithDefaultSlackEgress(AccessSettings? access, ClusterSettings? cluster, MapNode? accessNode)
    {
        if (access is not null && cluster is not null && ((accessNode?["networkPolicy"] as MapNode)?["slackEgressCidrs"]) is null)
        {
            // Unset, the Slack egress is the whole of the cluster's family: 0.0.0.0/0 alone lets nothing out of an IPv6-only pod.
            access = access with { NetworkPolicy = access.NetworkPolicy with { SlackEgressCidrs = cluster.IpFamily.DefaultSlackEgress() } };
        }

        return access;
    }

    /// <summary>
    /// Unset, the Secret for Prometheus keeps the name <c>alertmanager-basic-auth</c> when the stack runs in Prometheus's
    /// own namespace (one stack per namespace, so the name is unique there) and is <c>alertmanager-basic-auth-&lt;namespace&gt;</c>
    /// otherwise, so that stacks in several namespaces reporting to one Prometheus each have their own.
    /// </summary>
    public static AccessSettings? WithDefaultPrometheusSecretName(BindingContext ctx, AccessSettings? access, string? ns, MapNode? accessNode)
    {
        var secretNode = (accessNode?["basicAuth"] as MapNode)?["prometheusSecret"] as MapNode;
        if (access is null || ns is null || secretNode?["name"] is not null)
        {
            return access;
        }

        var secret = access.BasicAuth.PrometheusSecret;
        if (secret.Namespace == ns)
        {
            return access;
        }

        var name = $"{secret.Name}-{ns}";
        if (name.Length > 63)
        {
            if (access.BasicAuth.Enabled)
            {
                ctx.Error("access.basicAuth.prometheusSecret.name", $"is unset, and its default '{name}' is longer than 63 characters", "set a Secret name of at most 63 lower-case letters, digits and '-' that no other stack uses in Prometheus's namespace, e.g. alertmanager-basic-auth-ml", accessNode);
            }

            return access;
        }

        return access with { BasicAuth = access.BasicAuth with { PrometheusSecret = secret with { Name = name } } };
    }

    public static void RefuseTwoReplicas(BindingContext ctx, AlertmanagerSettings? alertmanager, MapNode root)
    {
        if (alertmanager is { Replicas: 2 })
        {
            ctx.Error(
                "alertmanager.replicas",
                "is 2, which keeps no replica in reserve: a drain (one pod at a time) leaves one replica notifying until its replacement's start delay has passed, so a node lost then, or during a rollout, leaves nothing notifying",
                "set `replicas: 3` (survives a drain and a lost node) or `replicas: 1` (no gossip; a restart can repeat a notification)",
                (root["alertmanager"] as MapNode)?["replicas"]);
        }
    }
}
