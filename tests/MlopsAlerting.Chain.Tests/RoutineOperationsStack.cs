using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using MlopsAlerting.Core.Rules;
using MlopsAlerting.Core.Settings;
using MlopsAlerting.Core.Workload;
using MlopsAlerting.LocalRun;
using MlopsAlerting.LocalRun.Tests;
using MlopsAlerting.Resilience.Tests;
using YamlDotNet.RepresentationModel;

namespace MlopsAlerting.Chain.Tests;

/// <summary>
/// The prod stack with a heartbeat, run whole on 127.0.0.1 so that routine work can be done to it as Kubernetes does
/// it: real Prometheus 3.5.3 (scraping the exporter, the stack's Alertmanager scrape job and itself, with the stack's
/// rule file) sending to real Alertmanager 0.33.1 replicas, the Slack stand-in and the heartbeat stand-in. The replicas
/// are found through a file that stands in for the headless Service (<see cref="FileDiscovery"/>): a new replica gets a
/// new address and empty storage (a harsher start than the StatefulSet's, whose pod keeps its volume), and a stopped one stays listed for <see cref="Discovery"/> (prod's 30 s DNS refresh,
/// scaled), failing to scrape and refusing sends meanwhile, as an old pod does. Durations are shortened as in
/// <see cref="SelfWatchStack"/>: rule waits and the self-alerts' fixed waits by 30 (5m → 10s), the heartbeat likewise
/// (5m → 10s), routing and the peer timeout by 10; Prometheus scrapes and evaluates every second and re-sends every
/// 2 s; each replica gets the StatefulSet's flags, <c>--dispatch.start-delay</c> at these timings included, and counts
/// as ready (for a rollout or a drain's budget) once its gossip settled and its start delay passed.
/// </summary>
internal sealed class RoutineOperationsStack : IAsyncDisposable
{
    public const int Scale = SelfWatchStack.Scale;
    public const string Model = ChainStack.Model;

    public static readonly TimeSpan Interval = SelfWatchStack.Interval;
    public static readonly TimeSpan ResendDelay = SelfWatchStack.ResendDelay;

    /// <summary>How long an address stays listed after its replica stopped: prod's DNS refresh, scaled.</summary>
    public static readonly TimeSpan Discovery = PrometheusTimings.DiscoveryRefresh / Scale;

    private readonly ScratchDirectory _scratch = new();
    private readonly List<RoutineReplica> _replicas = [];
    private readonly List<string> _listed = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private AlertmanagerBinary _alertmanagerBinary = null!;
    private PrometheusBinary _prometheusBinary = null!;
    private IReadOnlyList<string> _extraArgs = [];
    private FileDiscovery _discovery = null!;
    private string _prometheusConfig = string.Empty;
    private string _ruleFile = string.Empty;
    private int _prometheusPort;
    private int _configVersion;

    private RoutineOperationsStack(StackSettings settings, SlackStandIn slack, HeartbeatStandIn heartbeat)
    {
        Settings = settings;
        Slack = slack;
        Heartbeat = heartbeat;
    }

    public StackSettings Settings { get; }

    public SlackStandIn Slack { get; }

    public HeartbeatStandIn Heartbeat { get; }

    public MetricsEndpoint Exporter { get; private set; } = null!;

    public LocalPrometheus? Prometheus { get; private set; }

    /// <summary>The configuration file new replicas start with.</summary>
    public string ConfigFile { get; private set; } = string.Empty;

    public IReadOnlyList<RoutineReplica> Replicas => _replicas;

    /// <summary>The start delay at these timings: evaluation interval + resend delay + discovery.</summary>
    public TimeSpan StartDelay { get; } = new PrometheusTimings(AlertmanagerDuration.Parse("1s"), AlertmanagerDuration.Parse("2s")).StartDelayFor(Discovery);

    /// <summary>The heartbeat's period here (prod 5m).</summary>
    public TimeSpan HeartbeatInterval => Settings.Heartbeat.Interval.Value;

    /// <summary>How long the outside check waits after a ping before it pages: the period and a grace of one period.</summary>
    public TimeSpan OutsidePagesAfter => HeartbeatInterval + HeartbeatInterval;

    public TimeSpan CriticalFor => Settings.Models[0].CriticalFor.Value / Scale;

    /// <summary>The self-alerts' timings here.</summary>
    public static SelfAlertTimings SelfTimings { get; } = SelfAlertTimings.Prod.Scaled(Scale);

    public static async Task<RoutineOperationsStack> StartAsync(CancellationToken cancellationToken)
    {
        var alertmanagerBinary = await RequiredBinaries.AlertmanagerAtLeastOrSkipAsync(RolloutStack.StartDelaySince, "a rollout's start delay (--dispatch.start-delay)");
        var prometheusBinary = RequiredBinaries.PrometheusOrSkip();
        var slack = await SlackStandIn.StartAsync(new SlackStandInOptions { RateLimitPerWebhook = TimeSpan.FromSeconds(1) });
        var heartbeat = HeartbeatStandIn.Start();
        var settings = SelfWatchStack.ProdSettings(heartbeat);
        var stack = new RoutineOperationsStack(settings, slack, heartbeat) { _alertmanagerBinary = alertmanagerBinary, _prometheusBinary = prometheusBinary };
        try
        {
            await stack.StartProcessesAsync(cancellationToken);
            return stack;
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts a replica with a new address and empty storage, listed for discovery at once (as a new pod's endpoint is).</summary>
    public async Task<RoutineReplica> StartReplicaAsync(CancellationToken cancellationToken)
    {
        var web = FreePort.Next();
        var cluster = FreePort.NextTcpAndUdp();
        var peerTimeout = ClusterTiming.PeerTimeout.Value / ChainStack.AlertmanagerScale;
        var process = await LocalAlertmanager.StartAsync(
            new LocalAlertmanagerOptions
            {
                ConfigFile = ConfigFile,
                Binary = _alertmanagerBinary,
                Port = web,
                ExternalUrl = Settings.Alertmanager.ExternalUrl,
                WebConfigFile = WebConfig.WebConfigFile,
                BasicAuth = WebConfig.Credentials,
                ExtraArgs =
                [
                    .. _extraArgs,
                    "--cluster.peer-timeout=" + peerTimeout.TotalMilliseconds.ToString(CultureInfo.InvariantCulture) + "ms",
                    "--dispatch.start-delay=" + LocalPrometheusConfig.Seconds(StartDelay),
                ],
                Cluster = new ClusterOptions
                {
                    Port = cluster,
                    Peers = [.. _replicas.Select(r => "127.0.0.1:" + r.ClusterPort.ToString(CultureInfo.InvariantCulture))],
                    GossipInterval = TimeSpan.FromMilliseconds(100),
                    PushPullInterval = TimeSpan.FromSeconds(1),
                    SettleTimeout = TimeSpan.FromSeconds(2),
                },
            },
            cancellationToken);
        var replica = new RoutineReplica(process, process.BaseUrl.Authority, cluster, _clock.Elapsed);
        _replicas.Add(replica);
        _listed.Add(replica.Address);
        _discovery.Write(_listed);
        return replica;
    }

    /// <summary>Stops a replica (SIGTERM, as an eviction or a rollout does); its address stays listed for <see cref="Discovery"/>.</summary>
    public async Task StopReplicaAsync(RoutineReplica replica, CancellationToken cancellationToken)
    {
        _replicas.Remove(replica);
        await replica.Process.StopAsync(cancellationToken);
        await replica.Process.DisposeAsync();
        await Task.Delay(Discovery, cancellationToken);
        _listed.Remove(replica.Address);
        _discovery.Write(_listed);
    }

    /// <summary>Whether a replica counts for a rollout or a disruption budget: its gossip settled and its start delay passed.</summary>
    public async Task<bool> IsReadyAsync(RoutineReplica replica, CancellationToken cancellationToken) =>
        _clock.Elapsed - replica.StartedAt >= StartDelay
        && ClusterMember.Parse(await replica.Process.GetStatusAsync(cancellationToken)) is { Status: "ready" };

    /// <summary>Waits until every running replica is ready and sees every other.</summary>
    public Task WaitUntilAllReadyAsync(CancellationToken cancellationToken) =>
        WaitUntilAsync(
            async () =>
            {
                foreach (var replica in _replicas)
                {
                    if (!await IsReadyAsync(replica, cancellationToken)
                        || ClusterMember.Parse(await replica.Process.GetStatusAsync(cancellationToken)).PeerNames.Count != _replicas.Count)
                    {
                        return false;
                    }
                }

                return true;
            },
            StartDelay + TimeSpan.FromSeconds(30),
            "every replica ready and seeing every other",
            cancellationToken);

    /// <summary>Writes a new Alertmanager configuration (<paramref name="change"/> applied to the settings) that replicas started from now on read.</summary>
    public async Task NewConfigurationAsync(Func<StackSettings, StackSettings> change, CancellationToken cancellationToken)
    {
        var local = await StandInConfiguration.WriteAsync(change(Settings), Slack, Path.Combine(_scratch.Path, "alertmanager-" + (++_configVersion).ToString(CultureInfo.InvariantCulture)), cancellationToken, heartbeat: Heartbeat.PingUrl);
        ConfigFile = local.ConfigFile;
    }

    /// <summary>Writes the rule file for <paramref name="replicas"/> replicas (as a scaled stack renders it) and reloads Prometheus.</summary>
    public async Task LoadRulesForAsync(int replicas, CancellationToken cancellationToken)
    {
        await File.WriteAllTextAsync(_ruleFile, RuleFile(Settings with { Alertmanager = Settings.Alertmanager with { Replicas = replicas } }), cancellationToken);
        await Prometheus!.ReloadAsync(cancellationToken);
    }

    /// <summary>Stops Prometheus and starts it on the same port with empty storage, as a pod rescheduled without a volume.</summary>
    public async Task ReplacePrometheusAsync(CancellationToken cancellationToken)
    {
        var old = Prometheus;
        Prometheus = null;
        if (old is not null)
        {
            await old.DisposeAsync();
        }

        Prometheus = await LocalPrometheus.StartAsync(new LocalPrometheusOptions { ConfigFile = _prometheusConfig, Binary = _prometheusBinary, ResendDelay = ResendDelay, Port = _prometheusPort }, cancellationToken);
    }

    public Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, CancellationToken cancellationToken) =>
        Polling.UntilAsync(condition, timeout, what, Describe, cancellationToken);

    /// <summary>What the stand-ins saw, for a failure message.</summary>
    public string Describe() =>
        $"heartbeat pings at [{string.Join(", ", Heartbeat.Pings.Select(p => p.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)))}] (now {Heartbeat.Elapsed.TotalSeconds:0.0}s){Environment.NewLine}"
        + string.Join(Environment.NewLine, Slack.AllRequests.TakeLast(30).Select(r => r.ToString()));

    public async ValueTask DisposeAsync()
    {
        if (Prometheus is { } prometheus)
        {
            Prometheus = null;
            await prometheus.DisposeAsync();
        }

        foreach (var replica in _replicas)
        {
            await replica.Process.DisposeAsync();
        }

        if (Exporter is not null)
        {
            await Exporter.DisposeAsync();
        }

        await Heartbeat.DisposeAsync();
        await Slack.DisposeAsync();
        _scratch.Dispose();
    }

    public LocalWebConfig WebConfig { get; private set; } = null!;

    private async Task StartProcessesAsync(CancellationToken cancellationToken)
    {
        await NewConfigurationAsync(s => s, cancellationToken);
        var credentials = new BasicAuthCredentials(Settings.Access.BasicAuth.Username, RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 32));
        WebConfig = await LocalWebConfig.WriteAsync(Path.Combine(_scratch.Path, "basic-auth"), credentials, cancellationToken);
        _extraArgs = await _alertmanagerBinary.ServerVersionAsync(cancellationToken) is { } version ? AlertmanagerCapabilities.Of(version).FeatureFlags : [];
        _discovery = new FileDiscovery(Path.Combine(_scratch.Path, "alertmanagers.json"));
        _discovery.Write([]);
        for (var i = 0; i < Settings.Alertmanager.Replicas; i++)
        {
            await StartReplicaAsync(cancellationToken);
        }

        Exporter = await MetricsEndpoint.StartAsync(Settings.Rules.Metric);
        Exporter.Set(Model, 0.20m);
        Exporter.Set(ChainStack.HealthyModel, 0.20m);
        _ruleFile = Path.Combine(_scratch.Path, "model-alerts.rules.yml");
        await File.WriteAllTextAsync(_ruleFile, RuleFile(Settings), cancellationToken);
        _prometheusPort = FreePort.Next();
        _prometheusConfig = WritePrometheusConfig();
        Prometheus = await LocalPrometheus.StartAsync(new LocalPrometheusOptions { ConfigFile = _prometheusConfig, Binary = _prometheusBinary, ResendDelay = ResendDelay, Port = _prometheusPort }, cancellationToken);
        await WaitUntilAllReadyAsync(cancellationToken);
        await WaitUntilAsync(() => Task.FromResult(Heartbeat.Pings.Count > 0), TimeSpan.FromSeconds(60), "the first heartbeat", cancellationToken);
    }

    /// <summary>
    /// prometheus.yml: the exporter, the stack's scrape job (its DNS discovery replaced by the file) and Prometheus
    /// itself; the snippet's alerting entry with its discovery replaced by the same file; the rule file.
    /// </summary>
    private string WritePrometheusConfig()
    {
        var workload = AlertmanagerWorkload.From(Settings);
        var fileSd = new YamlSequenceNode(new YamlMappingNode { { "files", new YamlSequenceNode(new YamlScalarNode(_discovery.Path)) } });
        var scrapeYaml = new YamlStream();
        scrapeYaml.Load(new StringReader(AlertmanagerScrape.Render(Settings, workload)));
        var scrape = (YamlMappingNode)((YamlSequenceNode)((YamlMappingNode)scrapeYaml.Documents[0].RootNode)["scrape_configs"])[0];
        ReplaceDiscovery(scrape, fileSd);
        ((YamlMappingNode)scrape["basic_auth"]).Children["password_file"] = new YamlScalarNode(WebConfig.PasswordFile);

        var alerting = LocalPrometheusConfig.LocalAlerting(PrometheusAlertingSnippet.Render(Settings, workload), [], WebConfig.PasswordFile);
        foreach (var entry in ((YamlSequenceNode)alerting["alertmanagers"]).OfType<YamlMappingNode>())
        {
            ReplaceDiscovery(entry, fileSd);
        }

        var every = LocalPrometheusConfig.Seconds(Interval);
        var config = new YamlMappingNode
        {
            { "global", new YamlMappingNode { { "scrape_interval", every }, { "evaluation_interval", every } } },
            {
                "scrape_configs", new YamlSequenceNode(
                    new YamlMappingNode { { "job_name", LocalPrometheusConfig.ScrapeJob }, { "static_configs", Targets(Exporter.Target) } },
                    scrape,
                    new YamlMappingNode { { "job_name", "prometheus" }, { "static_configs", Targets($"127.0.0.1:{_prometheusPort.ToString(CultureInfo.InvariantCulture)}") } })
            },
            { "alerting", alerting },
            { "rule_files", new YamlSequenceNode(new YamlScalarNode(_ruleFile)) },
        };
        var path = Path.Combine(_scratch.Path, "prometheus.yml");
        using var writer = new StreamWriter(path);
        new YamlStream(new YamlDocument(config)).Save(writer, assignAnchors: false);
        return path;
    }

    private static void ReplaceDiscovery(YamlMappingNode entry, YamlSequenceNode fileSd)
    {
        foreach (var key in entry.Children.Keys.OfType<YamlScalarNode>().Where(k => k.Value!.EndsWith("_sd_configs", StringComparison.Ordinal) || k.Value == "static_configs").ToList())
        {
            entry.Children.Remove(key);
        }

        entry.Add("file_sd_configs", fileSd);
    }

    private static YamlSequenceNode Targets(string target) =>
        new(new YamlMappingNode { { "targets", new YamlSequenceNode(new YamlScalarNode(target)) } });
    private static string RuleFile(StackSettings settings) => SelfWatchStack.ScaledRuleFile(settings);
}

/// <summary>One Alertmanager replica of <see cref="RoutineOperationsStack"/>: its process, API address, gossip port and start.</summary>
internal sealed record RoutineReplica(LocalAlertmanager Process, string Address, int ClusterPort, TimeSpan StartedAt);
