using System.Globalization;
using System.Security.Cryptography;
using MlopsAlerting.Core.Rules;
using MlopsAlerting.Core.Settings;
using MlopsAlerting.Core.Tests;
using MlopsAlerting.Core.Workload;
using MlopsAlerting.LocalRun;
using MlopsAlerting.LocalRun.Tests;

namespace MlopsAlerting.Chain.Tests;

/// <summary>
/// The prod stack for rollouts: real Prometheus evaluating the prod rule file and sending to three real Alertmanagers
/// (basic auth, the StatefulSet's start delay and peer timeout), the Slack stand-in. Two anchor models fire all along:
/// <see cref="AnchorCritical"/> (critical, its warning muted) and <see cref="AnchorWarning"/> (warning), so no group
/// of any channel may ever be told resolved or without them. <see cref="Changing"/> models go critical and back.
/// Alertmanager durations are prod's divided by 10 (group_wait and the all and critical channels' group_interval 3 s,
/// the warning channel's 30 s, peer timeout 0.5 s, Slack's one message a second per webhook 0.1 s); Prometheus's evaluation interval and resend delay are prod's 1m
/// divided by 20 (3 s), so a re-send comes every 6 s, twice group_wait as in prod's 2 m against 30 s; rule waits are
/// divided by 30 (critical 10 s).
/// </summary>
internal sealed class RolloutStack : IAsyncDisposable
{
    public const string AnchorCritical = "anchor-critical";
    public const string AnchorWarning = "anchor-warning";
    public static readonly IReadOnlyList<string> Changing = ["model-a", "model-b", "model-c"];

    private const int RuleScale = 30;
    private const int AlertmanagerScale = 10;

    private readonly ScratchDirectory _scratch = new();
    private readonly List<IAsyncDisposable> _started = [];

    private RolloutStack(StackSettings settings, SlackStandIn slack, PrometheusTimings timings)
    {
        Settings = settings;
        Slack = slack;
        Timings = timings;
    }

    public StackSettings Settings { get; }

    public SlackStandIn Slack { get; }

    /// <summary>The test's Prometheus timings (evaluation interval and resend delay 3 s).</summary>
    public PrometheusTimings Timings { get; }

    /// <summary>
    /// The discovery term of the start delay here: prod's 30 s DNS refresh divided by 10 like the other Alertmanager
    /// durations. Prometheus's targets are static here, so it finds a new replica at once and this is margin.
    /// </summary>
    public static readonly TimeSpan Discovery = PrometheusTimings.DiscoveryRefresh / AlertmanagerScale;

    /// <summary>The start delay the program derives for these timings, passed as <c>--dispatch.start-delay</c>.</summary>
    public TimeSpan StartDelay => Timings.StartDelayFor(Discovery);

    /// <summary>
    /// How long after its start a new replica turns ready at the earliest, as the readiness probe's initial delay: the
    /// start delay and the program's margin for the process to start, divided by 10 like the other Alertmanager durations.
    /// </summary>
    public TimeSpan ReadinessDelay => StartDelay + (Core.Workload.ReadinessDelay.StartMargin / AlertmanagerScale);

    /// <summary>Prod's peer timeout at this scale; <c>MLOPS_PEER_TIMEOUT_MS</c> sets another for a measurement of its effect.</summary>
    public TimeSpan PeerTimeout { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("MLOPS_PEER_TIMEOUT_MS"), NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms > 0
            ? TimeSpan.FromMilliseconds(ms)
            : ClusterTiming.PeerTimeout.Value / AlertmanagerScale;

    public TimeSpan CriticalGroupInterval => Settings.Routing.TimingOf(ChannelRole.Critical).GroupInterval.Value;

    public TimeSpan CriticalFor => Settings.Models[0].CriticalFor.Value / RuleScale;

    public MetricsEndpoint Exporter { get; private set; } = null!;

    public LocalPrometheus Prometheus { get; private set; } = null!;

    public RollingCluster Cluster { get; private set; } = null!;

    /// <summary>The first Alertmanager that knows <c>--dispatch.start-delay</c>, which every new replica of a rollout is given.</summary>
    public static readonly Version StartDelaySince = AlertmanagerCapabilities.DispatchStartDelaySince;

    public static async Task<RolloutStack> StartAsync(CancellationToken cancellationToken)
    {
        var alertmanagerBinary = await RequiredBinaries.AlertmanagerAtLeastOrSkipAsync(StartDelaySince, "a rollout's start delay (--dispatch.start-delay)");
        var prometheusBinary = RequiredBinaries.PrometheusOrSkip();
        var prod = StackFiles.Committed("prod");
        var template = prod.Models[0];

        // The changing models never fire their warning within a run (2h → 4 min), so only criticals come and go.
        var models = new[] { template with { Name = AnchorCritical }, template with { Name = AnchorWarning } }
            .Concat(Changing.Select(name => template with { Name = name, WarningFor = AlertmanagerDuration.Parse("2h") }))
            .ToList();
        var settings = StandInConfiguration.WithTimings(prod with { Models = models }, Seconds(prod.Routing.GroupWait.Value / AlertmanagerScale), Seconds(prod.Routing.GroupInterval.Value / AlertmanagerScale));
        var timings = new PrometheusTimings(AlertmanagerDuration.Parse("3s"), AlertmanagerDuration.Parse("3s"));
        // Slack's one message a second per webhook, at the Alertmanager scale: at prod's timings a lagging replica sends
        // 5 to 10 s after the first, which Slack accepts, so the stand-in must not refuse what Slack would show.
        var slack = await SlackStandIn.StartAsync(new SlackStandInOptions { RateLimitPerWebhook = TimeSpan.FromSeconds(1) / AlertmanagerScale });
        var stack = new RolloutStack(settings, slack, timings);
        try
        {
            await stack.StartProcessesAsync(alertmanagerBinary, prometheusBinary, cancellationToken);
            return stack;
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
    }

    /// <summary>The models Prometheus has a firing critical for now.</summary>
    public async Task<IReadOnlySet<string>> FiringCriticalsAsync(CancellationToken cancellationToken)
    {
        var alerts = await Prometheus.GetAlertsAsync(cancellationToken);
        return alerts
            .Where(a => a["state"]?.GetValue<string>() == "firing" && a["labels"]?["severity"]?.GetValue<string>() == "critical")
            .Select(a => a["labels"]?["model_name"]?.GetValue<string>() ?? string.Empty)
            .ToHashSet(StringComparer.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var started in Enumerable.Reverse(_started))
        {
            await started.DisposeAsync();
        }

        await Slack.DisposeAsync();
        _scratch.Dispose();
    }

    private static string Seconds(TimeSpan value) => LocalPrometheusConfig.Seconds(value);

    private async Task StartProcessesAsync(AlertmanagerBinary alertmanagerBinary, PrometheusBinary prometheusBinary, CancellationToken cancellationToken)
    {
        var local = await StandInConfiguration.WriteAsync(Settings, Slack, Path.Combine(_scratch.Path, "alertmanager"), cancellationToken);
        var credentials = new BasicAuthCredentials(Settings.Access.BasicAuth.Username, RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", 32));
        var webConfig = await LocalWebConfig.WriteAsync(Path.Combine(_scratch.Path, "basic-auth"), credentials, cancellationToken);

        // The flags the StatefulSet gives a replica, at this scale.
        string[] args =
        [
            "--dispatch.start-delay=" + StartDelay.TotalMilliseconds.ToString(CultureInfo.InvariantCulture) + "ms",
            "--cluster.peer-timeout=" + PeerTimeout.TotalMilliseconds.ToString(CultureInfo.InvariantCulture) + "ms",
        ];
        Cluster = await RollingCluster.StartAsync(alertmanagerBinary, local.ConfigFile, webConfig, args, cancellationToken);
        _started.Add(Cluster);

        Exporter = await MetricsEndpoint.StartAsync(Settings.Rules.Metric);
        _started.Add(Exporter);
        Exporter.Set(AnchorCritical, 0.45m);
        Exporter.Set(AnchorWarning, 0.35m);
        foreach (var model in Changing)
        {
            Exporter.Set(model, 0.20m);
        }

        var rules = ModelAlertRules.Render(Settings);
        var ruleFile = _scratch.Write(rules.FileName, RuleFileTimings.Shorten(rules.Yaml, (_, _, wait) => Seconds(AlertmanagerDuration.Parse(wait).Value / RuleScale)));
        var snippet = PrometheusAlertingSnippet.Render(Settings, AlertmanagerWorkload.From(Settings));
        var config = LocalPrometheusConfig.Write(Path.Combine(_scratch.Path, "prometheus"), snippet, Cluster.Targets, webConfig.PasswordFile, ruleFile, Exporter.Target, Timings.EvaluationInterval.Value);
        Prometheus = await LocalPrometheus.StartAsync(
            new LocalPrometheusOptions { ConfigFile = config, Binary = prometheusBinary, ResendDelay = Timings.ResendDelay.Value },
            cancellationToken);
        _started.Add(Prometheus);
    }
}
