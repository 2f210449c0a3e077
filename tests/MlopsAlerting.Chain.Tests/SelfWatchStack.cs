using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using MlopsAlerting.Core.Config;
using MlopsAlerting.Core.Rules;
using MlopsAlerting.Core.Settings;
using MlopsAlerting.Core.Tests;
using MlopsAlerting.Core.Workload;
using MlopsAlerting.LocalRun;
using MlopsAlerting.LocalRun.Tests;
using YamlDotNet.Serialization;

namespace MlopsAlerting.Chain.Tests;

/// <summary>
/// The prod stack with a heartbeat, run whole on 127.0.0.1 so that each link can be broken and healed: the exporter,
/// real Prometheus (scraping the exporter, the stack's Alertmanager scrape job and itself, with the stack's rule file),
/// one or three real Alertmanagers with basic auth and the receiver-name metrics flag, the Slack stand-in and a
/// heartbeat stand-in. Durations are shortened only: rule waits and the self-alerts' fixed waits by <see cref="Scale"/>
/// (5m → 10s), the heartbeat interval likewise (5m → 10s), Alertmanager's routing and peer timeout by
/// <see cref="AlertmanagerScale"/> as in <see cref="ChainStack"/>; Prometheus scrapes and evaluates every second and
/// re-sends every <see cref="ResendDelay"/>. The delivery alerts' waits and the hold-back window follow from the
/// shortened routing exactly as in prod. A model rule that fails while the exporter shows the series
/// <c>model_name="rule-fault"</c> is appended to the model group, to break "a model rule evaluates" on demand.
/// </summary>
internal sealed class SelfWatchStack : IAsyncDisposable
{
    public const int Scale = 30;
    public const int AlertmanagerScale = ChainStack.AlertmanagerScale;
    public const string Model = ChainStack.Model;
    public const string FaultModel = "rule-fault";

    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan ResendDelay = TimeSpan.FromSeconds(2);

    private static readonly ISerializer RuleSerializer = new SerializerBuilder()
        .WithQuotingNecessaryStrings(quoteYaml1_1Strings: true)
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull | DefaultValuesHandling.OmitEmptyCollections)
        .DisableAliases()
        .Build();

    private readonly ScratchDirectory _scratch = new();
    private readonly List<LocalAlertmanager> _alertmanagers = [];
    private readonly List<(int Web, int Cluster)> _ports = [];
    private AlertmanagerBinary _alertmanagerBinary = null!;
    private PrometheusBinary _prometheusBinary = null!;
    private IReadOnlyList<string> _extraArgs = [];
    private string _configFile = string.Empty;
    private string _snippet = string.Empty;
    private string _scrape = string.Empty;
    private string _ruleFile = string.Empty;
    private int _prometheusPort;
    private bool _cutOff;

    private SelfWatchStack(StackSettings settings, SlackStandIn slack, HeartbeatStandIn heartbeat)
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

    public IReadOnlyList<LocalAlertmanager> Alertmanagers => _alertmanagers;

    public LocalWebConfig WebConfig { get; private set; } = null!;

    public string SecretsDirectory { get; private set; } = string.Empty;

    /// <summary>The heartbeat's period here (prod 5m).</summary>
    public TimeSpan HeartbeatInterval => Settings.Heartbeat.Interval.Value;

    /// <summary>How long the outside check waits after a ping before it pages: the period and a grace of one period (README).</summary>
    public TimeSpan OutsidePagesAfter => HeartbeatInterval + HeartbeatInterval;

    /// <summary>The critical rule's wait here.</summary>
    public TimeSpan CriticalFor => Settings.Models[0].CriticalFor.Value / Scale;

    public static async Task<SelfWatchStack> StartAsync(int replicas, CancellationToken cancellationToken)
    {
        var alertmanagerBinary = await RequiredBinaries.AlertmanagerAtLeastOrSkipAsync(HeartbeatUrl.MinimumVersion, "the heartbeat (webhook_configs url_file)");
        var prometheusBinary = RequiredBinaries.PrometheusOrSkip();
        var slack = await SlackStandIn.StartAsync(new SlackStandInOptions { RateLimitPerWebhook = TimeSpan.FromSeconds(1) });
        var heartbeat = HeartbeatStandIn.Start();
        var settings = ProdSettings(heartbeat);

        // The replicas the run really has, so the self-alerts expect as many (prod's routing was bound for three).
        settings = settings with { Alertmanager = settings.Alertmanager with { Replicas = replicas } };
        var stack = new SelfWatchStack(settings, slack, heartbeat) { _alertmanagerBinary = alertmanagerBinary, _prometheusBinary = prometheusBinary };
        try
        {
            await stack.StartProcessesAsync(replicas, cancellationToken);
            return stack;
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops every Alertmanager replica (their ports and storage stay for <see cref="RestartAlertmanagersAsync"/>).</summary>
    public async Task StopAlertmanagersAsync(CancellationToken cancellationToken)
    {
        foreach (var am in _alertmanagers)
        {
            await am.StopAsync(cancellationToken);
        }
    }

    public async Task RestartAlertmanagersAsync(CancellationToken cancellationToken)
    {
        for (var i = 0; i < _alertmanagers.Count; i++)
        {
            await _alertmanagers[i].DisposeAsync();
            _alertmanagers[i] = await StartReplicaAsync(i, cutOff: false, cancellationToken);
        }
    }

    /// <summary>Restarts replica <paramref name="index"/> with another <c>--cluster.label</c>: the others drop its gossip and it drops theirs.</summary>
    public async Task CutOffReplicaAsync(int index, bool cutOff, CancellationToken cancellationToken)
    {
        _cutOff |= cutOff;
        await _alertmanagers[index].DisposeAsync();
        _alertmanagers[index] = await StartReplicaAsync(index, cutOff, cancellationToken);
    }

    public async Task StopPrometheusAsync()
    {
        if (Prometheus is { } prometheus)
        {
            Prometheus = null;
            await prometheus.DisposeAsync();
        }
    }

    /// <summary>Starts Prometheus (fresh storage, as a rescheduled pod without a volume), with or without the rule file.</summary>
    public async Task StartPrometheusAsync(bool withRules, CancellationToken cancellationToken)
    {
        await StopPrometheusAsync();
        var config = SelfWatchPrometheusConfig.Write(Path.Combine(_scratch.Path, "prometheus"), _snippet, _scrape, [.. _alertmanagers.Select(am => am.BaseUrl.Authority)],
            WebConfig.PasswordFile, withRules ? _ruleFile : null, Exporter.Target, _prometheusPort, Interval);
        Prometheus = await LocalPrometheus.StartAsync(new LocalPrometheusOptions { ConfigFile = config, Binary = _prometheusBinary, ResendDelay = ResendDelay, Port = _prometheusPort }, cancellationToken);
        RulesLoaded = withRules;
    }

    /// <summary>Whether Prometheus runs with the rule file.</summary>
    public bool RulesLoaded { get; private set; }

    /// <summary>
    /// Heals every link and waits until the chain is quiet: no alert firing but the heartbeat, and a ping after now.
    /// Every test starts with it, so the tests of a class share the processes in any order.
    /// </summary>
    public async Task SettleAsync(CancellationToken cancellationToken)
    {
        Slack.Heal();
        await SetSlackReachableAsync(true, cancellationToken);
        SetPrometheusPassword(WebConfig.Credentials.Password);
        Exporter.Remove(FaultModel);
        Exporter.Set(Model, 0.20m);
        if (_alertmanagers.Any(am => !am.IsRunning) || _cutOff)
        {
            _cutOff = false;
            await RestartAlertmanagersAsync(cancellationToken);
        }

        if (Prometheus is null || !RulesLoaded)
        {
            await StartPrometheusAsync(withRules: true, cancellationToken);
        }

        var since = Heartbeat.Elapsed;
        await WaitUntilAsync(
            async () => Heartbeat.Pings.Any(p => p.Elapsed > since) && (await FiringOtherThanHeartbeatAsync(cancellationToken)).Count == 0,
            TimeSpan.FromSeconds(120),
            "a quiet chain with the heartbeat pinging",
            cancellationToken);
    }

    /// <summary>The names of the alerts firing in Prometheus, the heartbeat aside.</summary>
    public async Task<IReadOnlyList<string>> FiringOtherThanHeartbeatAsync(CancellationToken cancellationToken)
    {
        if (Prometheus is null)
        {
            return [];
        }

        var alerts = await Prometheus.GetAlertsAsync(cancellationToken);
        return [.. alerts.Where(a => a["state"]?.GetValue<string>() == "firing").Select(a => a["labels"]?["alertname"]?.GetValue<string>() ?? string.Empty).Where(n => n != HeartbeatRule.AlertName)];
    }

    /// <summary>The last heartbeat ping so far, on the stand-in's clock (zero if none).</summary>
    public TimeSpan LastPing => Heartbeat.Pings.Count == 0 ? TimeSpan.Zero : Heartbeat.Pings[^1].Elapsed;

    /// <summary>
    /// Waits until the outside check would page: no ping for <see cref="OutsidePagesAfter"/> after the last one. Returns
    /// when it pages, on the heartbeat stand-in's clock; throws if pings keep coming past <paramref name="timeout"/>.
    /// </summary>
    public async Task<TimeSpan> WaitForOutsidePageAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        await WaitUntilAsync(() => Heartbeat.Elapsed > LastPing + OutsidePagesAfter, timeout, "the heartbeat to stop long enough for the outside check to page", cancellationToken);
        return LastPing + OutsidePagesAfter;
    }

    /// <summary>Writes <paramref name="password"/> into the file Prometheus reads its basic-auth password from on every request.</summary>
    public void SetPrometheusPassword(string password) => File.WriteAllText(WebConfig.PasswordFile, password);

    /// <summary>Points every webhook file at a closed loopback port (Slack unreachable), or back at the stand-in.</summary>
    public async Task SetSlackReachableAsync(bool reachable, CancellationToken cancellationToken)
    {
        if (reachable)
        {
            await StandInConfiguration.WriteWebhooksAsync(Slack, SecretsDirectory, cancellationToken);
            return;
        }

        var closed = FreePort.Next();
        foreach (var role in ChannelRoles.Every)
        {
            await File.WriteAllTextAsync(Path.Combine(SecretsDirectory, role.Key()), $"http://127.0.0.1:{closed.ToString(CultureInfo.InvariantCulture)}/services/{role.Key()}", cancellationToken);
        }
    }

    /// <summary>The labels of the alerts named <paramref name="alertName"/> that Prometheus shows firing now.</summary>
    public async Task<IReadOnlyList<JsonObject>> FiringAsync(string alertName, CancellationToken cancellationToken)
    {
        if (Prometheus is null)
        {
            return [];
        }

        var alerts = await Prometheus.GetAlertsAsync(cancellationToken);
        return [.. alerts.Where(a => a["state"]?.GetValue<string>() == "firing" && a["labels"]?["alertname"]?.GetValue<string>() == alertName)
            .Select(a => (JsonObject)a["labels"]!)];
    }

    /// <summary>The summary and description of each firing alert named <paramref name="alertName"/>, as Prometheus expanded them.</summary>
    public async Task<IReadOnlyList<(string Summary, string Description)>> AnnotationsAsync(string alertName, CancellationToken cancellationToken)
    {
        if (Prometheus is null)
        {
            return [];
        }

        var alerts = await Prometheus.GetAlertsAsync(cancellationToken);
        return [.. alerts.Where(a => a["state"]?.GetValue<string>() == "firing" && a["labels"]?["alertname"]?.GetValue<string>() == alertName)
            .Select(a => (a["annotations"]?["summary"]?.GetValue<string>() ?? string.Empty, a["annotations"]?["description"]?.GetValue<string>() ?? string.Empty))];
    }

    /// <summary>
    /// The first Slack message to <paramref name="webhook"/> after <paramref name="after"/> that was delivered and tells
    /// <paramref name="name"/> firing: one of its alert lines (<c>*name*</c>: a model alert's line shows the model, a
    /// self-alert's its alert name) without the resolved mark. The name alone is not enough: the previous fault's
    /// alert, resolved, can be listed in a later message of the same group (grouped by severity) after the chain settled.
    /// </summary>
    public SlackRequest? DeliveredAfter(string webhook, TimeSpan after, string name) =>
        Slack.Delivered.FirstOrDefault(r => r.WebhookName == webhook && r.Elapsed > after && TellsFiring(r.Body, name));

    private static bool TellsFiring(string body, string name)
    {
        var line = $"*{name}*";
        for (var at = body.IndexOf(line, StringComparison.Ordinal); at >= 0; at = body.IndexOf(line, at + 1, StringComparison.Ordinal))
        {
            if (!body.AsSpan(0, at).EndsWith(ResolvedMark, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private const string ResolvedMark = "✅ ";

    /// <summary>Polls <paramref name="condition"/> every 200ms until it holds; throws with <paramref name="what"/> and the logs after <paramref name="timeout"/>.</summary>
    public Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, CancellationToken cancellationToken) =>
        Polling.UntilAsync(condition, timeout, what, Describe, cancellationToken);

    public Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what, CancellationToken cancellationToken) =>
        WaitUntilAsync(() => Task.FromResult(condition()), timeout, what, cancellationToken);

    /// <summary>What the stand-ins saw, for a failure message.</summary>
    public string Describe() =>
        $"heartbeat pings at [{string.Join(", ", Heartbeat.Pings.Select(p => p.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)))}] (now {Heartbeat.Elapsed.TotalSeconds:0.0}s){Environment.NewLine}"
        + string.Join(Environment.NewLine, Slack.AllRequests.TakeLast(30).Select(r => r.ToString()));

    public async ValueTask DisposeAsync()
    {
        await StopPrometheusAsync();
        foreach (var am in _alertmanagers)
        {
            await am.DisposeAsync();
        }

        if (Exporter is not null)
        {
            await Exporter.DisposeAsync();
        }

        await Heartbeat.DisposeAsync();
        await Slack.DisposeAsync();
        _scratch.Dispose();
    }

    private async Task StartProcessesAsync(int replicas, CancellationToken cancellationToken)
    {
        var local = await StandInConfiguration.WriteAsync(Settings, Slack, Path.Combine(_scratch.Path, "alertmanager"), cancellationToken, heartbeat: Heartbeat.PingUrl);
        _configFile = local.ConfigFile;
        SecretsDirectory = local.WebhookDirectory;
        var credentials = new BasicAuthCredentials(Settings.Access.BasicAuth.Username, RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 32));
        WebConfig = await LocalWebConfig.WriteAsync(Path.Combine(_scratch.Path, "basic-auth"), credentials, cancellationToken);
        _extraArgs = await _alertmanagerBinary.ServerVersionAsync(cancellationToken) is { } version ? AlertmanagerCapabilities.Of(version).FeatureFlags : [];

        for (var i = 0; i < replicas; i++)
        {
            _ports.Add((FreePort.Next(), replicas > 1 ? FreePort.NextTcpAndUdp() : 0));
        }

        for (var i = 0; i < replicas; i++)
        {
            _alertmanagers.Add(await StartReplicaAsync(i, cutOff: false, cancellationToken));
        }

        Exporter = await MetricsEndpoint.StartAsync(Settings.Rules.Metric);
        Exporter.Set(Model, 0.20m);
        Exporter.Set(ChainStack.HealthyModel, 0.20m);

        _ruleFile = Path.Combine(_scratch.Path, "model-alerts.rules.yml");
        await File.WriteAllTextAsync(_ruleFile, RuleFile(Settings), cancellationToken);
        _snippet = PrometheusAlertingSnippet.Render(Settings, AlertmanagerWorkload.From(Settings));
        _scrape = AlertmanagerScrape.Render(Settings, AlertmanagerWorkload.From(Settings));
        _prometheusPort = FreePort.Next();
        await StartPrometheusAsync(withRules: true, cancellationToken);
        await WaitUntilAsync(() => Heartbeat.Pings.Count > 0, TimeSpan.FromSeconds(60), "the first heartbeat", cancellationToken);
    }

    /// <summary>
    /// The prod stack with a second, healthy model and a heartbeat to <paramref name="heartbeat"/>, its routing divided by
    /// <see cref="AlertmanagerScale"/> and its heartbeat interval by <see cref="Scale"/> (5m → 10s).
    /// </summary>
    public static StackSettings ProdSettings(HeartbeatStandIn heartbeat)
    {
        var prod = StackFiles.Committed("prod");
        return StandInConfiguration.WithTimings(
            prod with { Models = [.. prod.Models, prod.Models[0] with { Name = ChainStack.HealthyModel, Version = "v2.3" }] },
            LocalPrometheusConfig.Seconds(prod.Routing.GroupWait.Value / AlertmanagerScale),
            LocalPrometheusConfig.Seconds(prod.Routing.GroupInterval.Value / AlertmanagerScale)) with
        {
            Heartbeat = new HeartbeatSettings(AlertmanagerDuration.Parse(LocalPrometheusConfig.Seconds(HeartbeatSettings.Default.Interval.Value / Scale))),
            HeartbeatUrl = new HeartbeatUrl(WebhookState.Provided, new SecretText(heartbeat.PingUrl.ToString())),
        };
    }

    /// <summary>
    /// The stack's rule file, model waits and the self-alerts' fixed waits divided by <see cref="Scale"/>, with
    /// <paramref name="modelGroupExtras"/> appended to the model group.
    /// </summary>
    public static string ScaledRuleFile(StackSettings settings, params PrometheusAlertingRule[] modelGroupExtras)
    {
        var rules = StackRules.Render(settings, SelfAlertTimings.Prod.Scaled(Scale));
        var extras = modelGroupExtras.Select(r => StackIdentity.Labelled(r, settings)).ToList();
        var groups = rules.Groups.Select(g => g.Name == ModelAlertRules.GroupNameOf(settings) ? g with { Rules = [.. g.Rules, .. extras] } : g).ToList();
        var yaml = RuleSerializer.Serialize(new PrometheusRuleFile(groups));
        var modelAlerts = new HashSet<string>([ModelAlertRules.AlertName, ModelAlertRules.MissingAlertName], StringComparer.Ordinal);
        return RuleFileTimings.Shorten(yaml, (alert, _, wait) => modelAlerts.Contains(alert) ? LocalPrometheusConfig.Seconds(AlertmanagerDuration.Parse(wait).Value / Scale) : wait);
    }

    /// <summary>The stack's rule file as <see cref="ScaledRuleFile"/> writes it, with the fault probe in the model group.</summary>
    private static string RuleFile(StackSettings settings) =>
        ScaledRuleFile(settings, new PrometheusAlertingRule(
            "RuleFaultProbe",
            $"{settings.Rules.Metric}{{model_name=\"{FaultModel}\"}} * on() group_left() {settings.Rules.Metric}{{model_name!=\"{FaultModel}\"}}",
            null,
            new Dictionary<string, string> { ["severity"] = "warning" },
            new Dictionary<string, string>()));

    private async Task<LocalAlertmanager> StartReplicaAsync(int index, bool cutOff, CancellationToken cancellationToken)
    {
        var (web, cluster) = _ports[index];
        var peerTimeout = ClusterTiming.PeerTimeout.Value / AlertmanagerScale;
        List<string> args = [.. _extraArgs];
        if (_ports.Count > 1)
        {
            args.Add("--cluster.peer-timeout=" + peerTimeout.TotalMilliseconds.ToString(CultureInfo.InvariantCulture) + "ms");
            if (cutOff)
            {
                args.Add("--cluster.label=cut-off");
            }
        }

        return await LocalAlertmanager.StartAsync(
            new LocalAlertmanagerOptions
            {
                ConfigFile = _configFile,
                Binary = _alertmanagerBinary,
                Port = web,
                ExternalUrl = Settings.Alertmanager.ExternalUrl,
                WebConfigFile = WebConfig.WebConfigFile,
                BasicAuth = WebConfig.Credentials,
                ExtraArgs = args,
                Cluster = _ports.Count > 1
                    ? new ClusterOptions
                    {
                        Port = cluster,
                        Peers = [.. _ports.Where(p => p.Cluster != cluster).Select(p => "127.0.0.1:" + p.Cluster.ToString(CultureInfo.InvariantCulture))],
                        GossipInterval = TimeSpan.FromMilliseconds(100),
                        PushPullInterval = TimeSpan.FromSeconds(1),
                        SettleTimeout = TimeSpan.FromSeconds(2),
                    }
                    : null,
            },
            cancellationToken);
    }
}
