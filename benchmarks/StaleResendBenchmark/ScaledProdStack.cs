using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using MlopsAlerting.Chain.Tests;
using MlopsAlerting.Core.Config;
using MlopsAlerting.Core.Rules;
using MlopsAlerting.Core.Settings;
using MlopsAlerting.Core.Workload;
using MlopsAlerting.LocalRun;

namespace MlopsAlerting.StaleResendBenchmark;

/// <summary>
/// The prod stack with every duration divided by <see cref="Scale"/>: a real Prometheus evaluating the prod rule file
/// and sending through the stack's alerting snippet to three real clustered Alertmanagers (basic auth, the Deployment's
/// start delay and peer timeout), and the Slack stand-in. Prometheus's evaluation interval and resend delay are prod's
/// 1m / 6 = 10 s; group_wait and the all and critical channels' group_interval 30 s / 6 = 5 s, the warning channel's
/// 5m / 6 = 50 s; peer timeout 1 s unless told another (the run the issue reports; prod's 5 s / 6 would be 0.83 s, so
/// the later replicas get slightly more time to fall behind and the figures lean to the worse side); the start delay follows (10 + 10 + DNS refresh 30 / 6 = 25 s); Slack's
/// one message a second per webhook 1 s / 6. Only the rules' <c>for:</c> is cut further (by 30, critical 10 s: one
/// evaluation) so that a model can go critical and back every 30 s. <see cref="AnchorCritical"/> fires all along once
/// <see cref="FireAnchorAsync"/> ran, so the all and critical channels' groups live through every change and rollout;
/// <see cref="Changing"/> models go critical and back. No model's warning fires within a run (its <c>for:</c> is 48 min).
/// </summary>
internal sealed class ScaledProdStack : IAsyncDisposable
{
    /// <summary>Prod's durations divided by this.</summary>
    public const int Scale = 6;

    /// <summary>Rule <c>for:</c> durations divided by this (critical 5m → 10 s, one evaluation).</summary>
    public const int RuleScale = 30;

    public const string AnchorCritical = "anchor-critical";

    public static readonly IReadOnlyList<string> Changing = ["model-a", "model-b", "model-c"];

    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("mlops-stale-");
    private readonly List<IAsyncDisposable> _started = [];
    private readonly Stopwatch _sinceClusterStart = new();

    private ScaledProdStack(StackSettings settings, SlackStandIn slack, TimeSpan peerTimeout)
    {
        Settings = settings;
        Slack = slack;
        PeerTimeout = peerTimeout;
    }

    public StackSettings Settings { get; }

    public SlackStandIn Slack { get; }

    public MetricsEndpoint Exporter { get; private set; } = null!;

    public LocalPrometheus Prometheus { get; private set; } = null!;

    public RollingCluster Cluster { get; private set; } = null!;

    public TimeSpan EvaluationInterval => Settings.Prometheus.EvaluationInterval.Value;

    /// <summary>The all and critical channels' group_interval (5 s).</summary>
    public TimeSpan GroupInterval => Settings.Routing.TimingOf(ChannelRole.Critical).GroupInterval.Value;

    /// <summary>Every replica's <c>--cluster.peer-timeout</c>.</summary>
    public TimeSpan PeerTimeout { get; }

    /// <summary>The start delay the program derives for these timings: <c>--dispatch.start-delay</c> and minReadySeconds.</summary>
    public TimeSpan StartDelay => Settings.Prometheus.StartDelayFor(PrometheusTimings.DiscoveryRefresh / Scale);

    /// <summary>The durations in one line, for the report.</summary>
    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"evaluation interval and resend delay {EvaluationInterval.TotalSeconds:0} s, group_wait {Settings.Routing.GroupWait.Value.TotalSeconds:0} s, "
        + $"all/critical group_interval {GroupInterval.TotalSeconds:0} s, warning group_interval {Settings.Routing.TimingOf(ChannelRole.Warning).GroupInterval.Value.TotalSeconds:0} s, "
        + $"peer timeout {PeerTimeout.TotalMilliseconds:0} ms, start delay {StartDelay.TotalSeconds:0} s, critical for: {Settings.Models[0].CriticalFor.Value.TotalSeconds / RuleScale:0} s");

    public static async Task<ScaledProdStack> StartAsync(AlertmanagerBinary alertmanager, PrometheusBinary prometheus, string repositoryRoot, TimeSpan peerTimeout, CancellationToken cancellationToken)
    {
        var prod = SettingsBinder.Bind(StackFileReader.Read(repositoryRoot, "prod"));
        var template = prod.Models[0] with { WarningFor = AlertmanagerDuration.Parse("24h") };
        var scaled = StandInConfiguration.WithTimings(
            prod with { Models = [.. new[] { AnchorCritical }.Concat(Changing).Select(name => template with { Name = name })] },
            Seconds(prod.Routing.GroupWait.Value / Scale),
            Seconds(prod.Routing.GroupInterval.Value / Scale));
        var settings = scaled with
        {
            Prometheus = new PrometheusTimings(
                AlertmanagerDuration.Parse(Seconds(prod.Prometheus.EvaluationInterval.Value / Scale)),
                AlertmanagerDuration.Parse(Seconds(prod.Prometheus.ResendDelay.Value / Scale))),
        };
        var slack = await SlackStandIn.StartAsync(new SlackStandInOptions { RateLimitPerWebhook = TimeSpan.FromSeconds(1) / Scale });
        var stack = new ScaledProdStack(settings, slack, peerTimeout);
        try
        {
            await stack.StartProcessesAsync(alertmanager, prometheus, cancellationToken);
            return stack;
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Waits until every replica's dispatcher runs: the start delay after the last one started. A group that begins after
    /// that begins on each replica when Prometheus's post reaches it, so its timers run in phase on all three. (One that
    /// began before would start its timers when each replica's start delay ended: out of phase.)
    /// </summary>
    public async Task WaitForDispatchersAsync(CancellationToken cancellationToken)
    {
        var wait = StartDelay + TimeSpan.FromSeconds(1) - _sinceClusterStart.Elapsed;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, cancellationToken);
        }
    }

    /// <summary>
    /// Once every dispatcher runs, lets the anchor go critical and waits until the critical and all channels told it:
    /// from then on both groups live on every replica, their timers in phase.
    /// </summary>
    /// <returns>When the stand-in received the second of the two messages.</returns>
    public async Task<TimeSpan> FireAnchorAsync(CancellationToken cancellationToken)
    {
        await WaitForDispatchersAsync(cancellationToken);
        Exporter.Set(AnchorCritical, 0.45m);
        var told = TimeSpan.Zero;
        foreach (var channel in new[] { "critical", "all" })
        {
            var first = await Slack.WaitForDeliveredAsync(r => r.WebhookName == channel && ToldState.From(r).Firing.Contains(AnchorCritical), 1, TimeSpan.FromMinutes(2), cancellationToken);
            told = first[0].Elapsed > told ? first[0].Elapsed : told;
        }

        return told;
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

    /// <summary>The slot (0, 1 or 2) whose replica sent a message, read from the title link (its external URL).</summary>
    public string SenderOf(SlackRequest request)
    {
        var link = request.Message?.Attachments.FirstOrDefault()?.TitleLink ?? string.Empty;
        var slot = Cluster.Targets.Select((target, index) => (target, index)).FirstOrDefault(t => link.Contains(t.target, StringComparison.Ordinal));
        return slot.target is null ? "?" : slot.index.ToString(CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var started in Enumerable.Reverse(_started))
        {
            await started.DisposeAsync();
        }

        await Slack.DisposeAsync();
        _scratch.Delete(recursive: true);
    }

    private static string Seconds(TimeSpan value) => LocalPrometheusConfig.Seconds(value);

    private async Task StartProcessesAsync(AlertmanagerBinary alertmanagerBinary, PrometheusBinary prometheusBinary, CancellationToken cancellationToken)
    {
        var local = await StandInConfiguration.WriteAsync(Settings, Slack, Path.Combine(_scratch.FullName, "alertmanager"), cancellationToken);
        var credentials = new BasicAuthCredentials(Settings.Access.BasicAuth.Username, RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", 32));
        var webConfig = await LocalWebConfig.WriteAsync(Path.Combine(_scratch.FullName, "basic-auth"), credentials, cancellationToken);

        // The flags the Deployment gives a replica, at this scale.
        string[] args =
        [
            "--dispatch.start-delay=" + StartDelay.TotalMilliseconds.ToString(CultureInfo.InvariantCulture) + "ms",
            "--cluster.peer-timeout=" + PeerTimeout.TotalMilliseconds.ToString(CultureInfo.InvariantCulture) + "ms",
        ];
        _sinceClusterStart.Start();
        Cluster = await RollingCluster.StartAsync(alertmanagerBinary, local.ConfigFile, webConfig, args, cancellationToken);
        _started.Add(Cluster);

        Exporter = await MetricsEndpoint.StartAsync(Settings.Rules.Metric);
        _started.Add(Exporter);
        foreach (var model in Settings.Models)
        {
            Exporter.Set(model.Name, 0.20m);
        }

        var rules = ModelAlertRules.Render(Settings);
        var ruleFile = Path.Combine(_scratch.FullName, rules.FileName);
        await File.WriteAllTextAsync(ruleFile, RuleFileTimings.Shorten(rules.Yaml, (_, _, wait) => Seconds(AlertmanagerDuration.Parse(wait).Value / RuleScale)), cancellationToken);
        var snippet = PrometheusAlertingSnippet.Render(Settings, AlertmanagerWorkload.From(Settings));
        var config = LocalPrometheusConfig.Write(Path.Combine(_scratch.FullName, "prometheus"), snippet, Cluster.Targets, webConfig.PasswordFile, ruleFile, Exporter.Target, EvaluationInterval);
        Prometheus = await LocalPrometheus.StartAsync(
            new LocalPrometheusOptions { ConfigFile = config, Binary = prometheusBinary, ResendDelay = Settings.Prometheus.ResendDelay.Value },
            cancellationToken);
        _started.Add(Prometheus);
        await Exporter.WaitForScrapesAsync(1, TimeSpan.FromSeconds(60), cancellationToken);
    }
}
