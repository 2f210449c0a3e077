using System.Security.Cryptography;
using MlopsAlerting.Core.Rules;
using MlopsAlerting.Core.Settings;
using MlopsAlerting.Core.Tests;
using MlopsAlerting.Core.Workload;
using MlopsAlerting.LocalRun;
using MlopsAlerting.LocalRun.Tests;
using MlopsAlerting.Resilience.Tests;

namespace MlopsAlerting.Chain.Tests;

/// <summary>
/// The whole chain on 127.0.0.1, as users run it: a model_mae exporter whose values the test sets, real Prometheus
/// scraping it with the prod stack's rule file and its <c>prometheus-alerting.yml</c> snippet, one or three real
/// Alertmanagers running the prod stack's configuration with basic auth, and the Slack stand-in (one message per
/// second per webhook, 429 above). The prod stack gets a second model so that a healthy one is watched too.
/// Only durations are shortened: the rules' by 30 (5m → 10 s), Alertmanager's by 10 (group_wait 30 s → 3 s, and the
/// replicas' <c>--cluster.peer-timeout</c> 5 s → 0.5 s with them, so that every route keeps prod's margin over the
/// replicas' lag, see <see cref="ClusterTiming"/>); the snippet's targets and password file are the local ones.
/// Disposing stops everything.
/// </summary>
internal sealed class ChainStack : IAsyncDisposable
{
    /// <summary>Prod's rule durations (<c>for:</c>) divided by this.</summary>
    public const int Scale = 30;

    /// <summary>Prod's Alertmanager durations (group_wait, group_interval, peer timeout) divided by this.</summary>
    public const int AlertmanagerScale = 10;

    /// <summary>The model whose MAE the scenario moves.</summary>
    public const string Model = GuideAlerts.Model;

    /// <summary>A second model that stays healthy.</summary>
    public const string HealthyModel = "bike-sharing";

    /// <summary>Scrape and rule evaluation interval.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly ScratchDirectory _scratch;
    private readonly List<IAsyncDisposable> _started = [];

    private ChainStack(ScratchDirectory scratch, StackSettings settings, SlackStandIn slack)
    {
        _scratch = scratch;
        Settings = settings;
        Slack = slack;
    }

    /// <summary>The settings rendered: prod's, a second model, durations shortened.</summary>
    public StackSettings Settings { get; }

    public SlackStandIn Slack { get; }

    public MetricsEndpoint Exporter { get; private set; } = null!;

    public LocalPrometheus Prometheus { get; private set; } = null!;

    public IReadOnlyList<LocalAlertmanager> Alertmanagers { get; private set; } = [];

    public LocalWebConfig WebConfig { get; private set; } = null!;

    /// <summary>The rule file Prometheus evaluates: the stack's, only <c>for:</c> shortened.</summary>
    public string RuleFileYaml { get; private set; } = string.Empty;

    /// <summary>The critical rule's <c>for:</c> here (prod: 5m).</summary>
    public TimeSpan CriticalFor => Shorten(Settings.Models[0].CriticalFor.Value);

    /// <summary>The warning rule's <c>for:</c> here (prod: 15m).</summary>
    public TimeSpan WarningFor => Shorten(Settings.Models[0].WarningFor.Value);

    /// <summary><c>ModelMetricsMissing</c>'s <c>for:</c> here (prod: 10m).</summary>
    public TimeSpan MissingFor => Shorten(Settings.Rules.MissingFor.Value);

    public TimeSpan GroupWait => Settings.Routing.GroupWait.Value;

    public TimeSpan GroupInterval => Settings.Routing.GroupInterval.Value;

    /// <summary>The rule file Prometheus reads; <see cref="WriteRulesAsync"/> replaces it.</summary>
    public string RuleFilePath => Path.Combine(_scratch.Path, ModelAlertRules.FileName);

    /// <summary>Renders <paramref name="settings"/>' rules as the start does (only <c>for:</c> shortened) over the rule file Prometheus reads; a reload or restart then loads them.</summary>
    public async Task WriteRulesAsync(StackSettings settings, CancellationToken cancellationToken)
    {
        RuleFileYaml = RuleFileTimings.Shorten(ModelAlertRules.Render(settings).Yaml, (_, _, wait) => LocalPrometheusConfig.Seconds(Shorten(AlertmanagerDuration.Parse(wait).Value)));
        await File.WriteAllTextAsync(RuleFilePath, RuleFileYaml, cancellationToken);
    }

    public static Task<ChainStack> StartAsync(int replicas, CancellationToken cancellationToken) => StartAsync(replicas, [], cancellationToken);

    /// <summary>Starts the chain; <paramref name="prometheusArgs"/> are appended to Prometheus's flags (a shortened lookback, say).</summary>
    public static async Task<ChainStack> StartAsync(int replicas, IReadOnlyList<string> prometheusArgs, CancellationToken cancellationToken)
    {
        // Three replicas are held to the cluster behaviour of the versions the stacks deploy (0.30 and newer, with the
        // start delay): a lagging replica repeats a state only after it was delivered. A run on Debian stable's 0.25 saw
        // a refused repeat with no delivery of its state before it. One replica runs on any supported version.
        var alertmanagerBinary = replicas > 1
            ? await RequiredBinaries.AlertmanagerAtLeastOrSkipAsync(RolloutStack.StartDelaySince, "three replicas as the stacks deploy them")
            : RequiredBinaries.AlertmanagerOrSkip();
        var prometheusBinary = RequiredBinaries.PrometheusOrSkip();

        var prod = StackFiles.Committed("prod");
        var withSecondModel = prod with { Models = [.. prod.Models, prod.Models[0] with { Name = HealthyModel, Version = "v2.3" }] };
        var settings = StandInConfiguration.WithTimings(
            withSecondModel,
            LocalPrometheusConfig.Seconds(prod.Routing.GroupWait.Value / AlertmanagerScale),
            LocalPrometheusConfig.Seconds(prod.Routing.GroupInterval.Value / AlertmanagerScale));
        Assert.True(settings.Access.BasicAuth.Enabled, "the prod stack runs with basic auth");

        var scratch = new ScratchDirectory();
        var slack = await SlackStandIn.StartAsync(new SlackStandInOptions { RateLimitPerWebhook = TimeSpan.FromSeconds(1) });
        var stack = new ChainStack(scratch, settings, slack);
        try
        {
            await stack.StartProcessesAsync(replicas, alertmanagerBinary, prometheusBinary, prometheusArgs, cancellationToken);
            return stack;
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
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

    private static TimeSpan Shorten(TimeSpan prod) => prod / Scale;

    private async Task StartProcessesAsync(int replicas, AlertmanagerBinary alertmanagerBinary, PrometheusBinary prometheusBinary, IReadOnlyList<string> prometheusArgs, CancellationToken cancellationToken)
    {
        var local = await StandInConfiguration.WriteAsync(Settings, Slack, Path.Combine(_scratch.Path, "alertmanager"), cancellationToken);
        var credentials = new BasicAuthCredentials(Settings.Access.BasicAuth.Username, RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 32));
        WebConfig = await LocalWebConfig.WriteAsync(Path.Combine(_scratch.Path, "basic-auth"), credentials, cancellationToken);

        if (replicas == 1)
        {
            var alertmanager = await LocalAlertmanager.StartAsync(
                new LocalAlertmanagerOptions
                {
                    ConfigFile = local.ConfigFile,
                    Binary = alertmanagerBinary,
                    ExternalUrl = Settings.Alertmanager.ExternalUrl,
                    WebConfigFile = WebConfig.WebConfigFile,
                    BasicAuth = credentials,
                },
                cancellationToken);
            _started.Add(alertmanager);
            Alertmanagers = [alertmanager];
        }
        else
        {
            Assert.Equal(3, replicas);
            var cluster = await ThreeReplicaCluster.StartAsync(
                alertmanagerBinary, local.ConfigFile, cancellationToken, WebConfig, ClusterTiming.PeerTimeout.Value / AlertmanagerScale);
            _started.Add(cluster);
            Alertmanagers = cluster.Replicas;
        }

        Exporter = await MetricsEndpoint.StartAsync(Settings.Rules.Metric);
        _started.Add(Exporter);
        Exporter.Set(Model, 0.20m);
        Exporter.Set(HealthyModel, 0.20m);

        await WriteRulesAsync(Settings, cancellationToken);
        var ruleFile = RuleFilePath;
        var snippet = PrometheusAlertingSnippet.Render(Settings, AlertmanagerWorkload.From(Settings));
        var prometheusConfig = LocalPrometheusConfig.Write(
            Path.Combine(_scratch.Path, "prometheus"),
            snippet,
            [.. Alertmanagers.Select(am => am.BaseUrl.Authority)],
            WebConfig.PasswordFile,
            ruleFile,
            Exporter.Target,
            Interval);
        Prometheus = await LocalPrometheus.StartAsync(new LocalPrometheusOptions { ConfigFile = prometheusConfig, Binary = prometheusBinary, ExtraArgs = prometheusArgs }, cancellationToken);
        _started.Add(Prometheus);
        await WaitUntilWiredAsync(replicas, cancellationToken);
    }

    /// <summary>Waits until Prometheus scrapes the exporter and sends to every Alertmanager.</summary>
    private async Task WaitUntilWiredAsync(int replicas, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        IReadOnlyList<string> alertmanagers = [];
        IReadOnlyList<string> targets = [];
        try
        {
            while (true)
            {
                alertmanagers = await Prometheus.GetActiveAlertmanagersAsync(deadline.Token);
                targets = await Prometheus.GetTargetHealthAsync(deadline.Token);
                if (alertmanagers.Count == replicas && targets is ["up"])
                {
                    await Exporter.WaitForScrapesAsync(2, TimeSpan.FromSeconds(30), deadline.Token);
                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(200), deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Prometheus was not wired within 60s: Alertmanagers [{string.Join(", ", alertmanagers)}], targets [{string.Join(", ", targets)}]{Environment.NewLine}{Prometheus.Logs}");
        }
    }
}
