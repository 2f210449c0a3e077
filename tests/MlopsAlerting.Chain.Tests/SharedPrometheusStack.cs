using System.Globalization;
using System.Text.Json.Nodes;
using MlopsAlerting.Core.Config;
using MlopsAlerting.Core.Settings;
using MlopsAlerting.LocalRun;
using MlopsAlerting.LocalRun.Tests;

namespace MlopsAlerting.Chain.Tests;

/// <summary>
/// Two stacks, a staging one and a prod one, reporting to ONE real Prometheus on 127.0.0.1, as a platform team's shared
/// Prometheus runs them: each stack has its own real Alertmanager, Slack stand-in and heartbeat stand-in
/// (<see cref="SharedStackMember"/>); Prometheus loads both rule files, scrapes both Alertmanagers, itself and one model
/// exporter per namespace, and sends to both Alertmanagers through each stack's own <c>alerting.alertmanagers</c> entry
/// (<see cref="SharedPrometheusConfig"/>). The stacks are bound from stack-file text; only durations are shortened,
/// as in <see cref="SelfWatchStack"/>: rule waits and the heartbeat interval by <see cref="Scale"/> (5m → 10s),
/// Alertmanager's routing by <see cref="AlertmanagerScale"/>; Prometheus scrapes and evaluates every second and
/// re-sends a firing alert every <see cref="ResendDelay"/>. Disposing stops everything.
/// </summary>
internal sealed class SharedPrometheusStack : IAsyncDisposable
{
    public const int Scale = 30;
    public const int AlertmanagerScale = ChainStack.AlertmanagerScale;

    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan ResendDelay = TimeSpan.FromSeconds(2);

    private readonly ScratchDirectory _scratch = new();
    private readonly Dictionary<string, MetricsEndpoint> _exporters = new(StringComparer.Ordinal);
    private int _prometheusPort;

    private SharedPrometheusStack()
    {
    }

    public SharedStackMember Staging { get; private set; } = null!;

    public SharedStackMember Prod { get; private set; } = null!;

    public IReadOnlyList<SharedStackMember> Members => [Staging, Prod];

    /// <summary>The model exporters by the <c>namespace</c> label their series carry.</summary>
    public IReadOnlyDictionary<string, MetricsEndpoint> Exporters => _exporters;

    public LocalPrometheus Prometheus { get; private set; } = null!;

    /// <summary>A model rule's critical wait here (prod: 5m).</summary>
    public static TimeSpan CriticalFor => TimeSpan.FromMinutes(5) / Scale;

    /// <summary>The Slack routes' group_wait here (prod: 30s).</summary>
    public TimeSpan GroupWait => Prod.Settings.Routing.GroupWait.Value;

    /// <summary>The heartbeat's period here (prod: 5m).</summary>
    public TimeSpan HeartbeatInterval => Prod.Settings.Heartbeat.Interval.Value;

    /// <summary>
    /// How long Alertmanager keeps an alert Prometheus stopped sending before it resolves it: Prometheus sends a firing
    /// alert with <c>endsAt</c> four times the larger of the resend delay and the evaluation interval ahead.
    /// </summary>
    public static TimeSpan AlertExpiry => 4 * (ResendDelay > Interval ? ResendDelay : Interval);

    /// <summary>
    /// Binds a stack file's text (the lines under <c>config:</c>) as <c>Pulumi.&lt;stack&gt;.yaml</c>, with the shortened
    /// routing and heartbeat interval.
    /// </summary>
    public static StackSettings Bind(string stack, string config)
    {
        var bound = SettingsBinder.Bind(StackFileReader.Parse(stack, $"Pulumi.{stack}.yaml", "config:\n" + config));
        return StandInConfiguration.WithTimings(
            bound,
            LocalPrometheusConfig.Seconds(bound.Routing.GroupWait.Value / AlertmanagerScale),
            LocalPrometheusConfig.Seconds(bound.Routing.GroupInterval.Value / AlertmanagerScale)) with
        {
            Heartbeat = new HeartbeatSettings(AlertmanagerDuration.Parse(LocalPrometheusConfig.Seconds(HeartbeatSettings.Default.Interval.Value / Scale))),
        };
    }

    /// <summary>
    /// Starts both stacks, one exporter per namespace of <paramref name="series"/> serving its models' MAE, and the shared
    /// Prometheus; returns once Prometheus scrapes every target, sends to both Alertmanagers and both heartbeats ping.
    /// </summary>
    public static async Task<SharedPrometheusStack> StartAsync(StackSettings staging, StackSettings prod, IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal>> series, CancellationToken cancellationToken)
    {
        var alertmanagerBinary = await RequiredBinaries.AlertmanagerAtLeastOrSkipAsync(HeartbeatUrl.MinimumVersion, "the heartbeat (webhook_configs url_file)");
        var prometheusBinary = RequiredBinaries.PrometheusOrSkip();
        var shared = new SharedPrometheusStack();
        try
        {
            shared.Staging = await SharedStackMember.StartAsync(staging, alertmanagerBinary, shared._scratch.Path, Scale, cancellationToken);
            shared.Prod = await SharedStackMember.StartAsync(prod, alertmanagerBinary, shared._scratch.Path, Scale, cancellationToken);
            foreach (var (ns, models) in series)
            {
                var exporter = await MetricsEndpoint.StartAsync(prod.Rules.Metric);
                shared._exporters[ns] = exporter;
                foreach (var (model, mae) in models)
                {
                    exporter.Set(model, mae);
                }
            }

            shared._prometheusPort = FreePort.Next();
            var config = shared.WriteConfig(stagingRules: true);
            shared.Prometheus = await LocalPrometheus.StartAsync(
                new LocalPrometheusOptions { ConfigFile = config, Binary = prometheusBinary, ResendDelay = ResendDelay, Port = shared._prometheusPort },
                cancellationToken);
            await shared.WaitUntilWiredAsync(cancellationToken);
            return shared;
        }
        catch
        {
            await shared.DisposeAsync();
            throw;
        }
    }

    /// <summary>Rewrites the <c>prometheus.yml</c> Prometheus runs with, with or without staging's rule file (its Alertmanager stays), and reloads Prometheus.</summary>
    public async Task LoadStagingRulesAsync(bool load, CancellationToken cancellationToken)
    {
        WriteConfig(load);
        await Prometheus.ReloadAsync(cancellationToken);
    }

    /// <summary>The alerts Prometheus has (pending and firing) as their labels and state.</summary>
    public async Task<IReadOnlyList<(IReadOnlyDictionary<string, string> Labels, string State)>> PrometheusAlertsAsync(CancellationToken cancellationToken) =>
        [.. (await Prometheus.GetAlertsAsync(cancellationToken)).Select(a => (Labels(a), a["state"]?.GetValue<string>() ?? string.Empty))];

    /// <summary>Polls <paramref name="condition"/> every 200ms until it holds; throws with <paramref name="what"/> and what the stand-ins saw after <paramref name="timeout"/>.</summary>
    public Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, CancellationToken cancellationToken) =>
        Polling.UntilAsync(condition, timeout, what, Describe, cancellationToken);

    /// <summary>What each stack's stand-ins saw, for a failure message.</summary>
    public string Describe() => string.Join(
        Environment.NewLine,
        Members.Select(m =>
            $"{m.Identity}: heartbeat pings at [{string.Join(", ", m.Heartbeat.Pings.Select(p => p.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)))}] (now {m.Heartbeat.Elapsed.TotalSeconds:0.0}s){Environment.NewLine}"
            + string.Join(Environment.NewLine, m.Slack.AllRequests.TakeLast(20).Select(r => "  " + r))));

    public async ValueTask DisposeAsync()
    {
        if (Prometheus is not null)
        {
            await Prometheus.DisposeAsync();
        }

        foreach (var exporter in _exporters.Values)
        {
            await exporter.DisposeAsync();
        }

        if (Prod is not null)
        {
            await Prod.DisposeAsync();
        }

        if (Staging is not null)
        {
            await Staging.DisposeAsync();
        }

        _scratch.Dispose();
    }

    public static IReadOnlyDictionary<string, string> Labels(JsonObject alert) =>
        alert["labels"]?.AsObject().ToDictionary(l => l.Key, l => l.Value?.GetValue<string>() ?? string.Empty, StringComparer.Ordinal) ?? [];

    private string WriteConfig(bool stagingRules) => SharedPrometheusConfig.Write(
        Path.Combine(_scratch.Path, "prometheus"),
        "prometheus.yml",
        [Staging.PrometheusEntry(stagingRules), Prod.PrometheusEntry(withRules: true)],
        _exporters.ToDictionary(e => e.Key, e => e.Value.Target, StringComparer.Ordinal),
        _prometheusPort,
        Interval);

    private async Task WaitUntilWiredAsync(CancellationToken cancellationToken)
    {
        var targets = 2 + _exporters.Count + 1;
        await WaitUntilAsync(
            async () => (await Prometheus.GetActiveAlertmanagersAsync(cancellationToken)).Count == 2
                && await Prometheus.GetTargetHealthAsync(cancellationToken) is { } health && health.Count == targets && health.All(h => h == "up")
                && Members.All(m => m.Heartbeat.Pings.Count > 0),
            TimeSpan.FromSeconds(60),
            "Prometheus sending to both Alertmanagers, every target up and both heartbeats pinging",
            cancellationToken);
    }
}
