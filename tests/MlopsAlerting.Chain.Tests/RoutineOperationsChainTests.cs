using System.Globalization;
using MlopsAlerting.Core.Rules;
using MlopsAlerting.Core.Settings;

namespace MlopsAlerting.Chain.Tests;

[CollectionDefinition(nameof(RoutineOperationsCollection), DisableParallelization = true)]
public sealed class RoutineOperationsCollection;

/// <summary>
/// Routine work on the prod stack raises no self-alert and never stops the heartbeat (see
/// <see cref="RoutineOperationsStack"/>): a rollout of the three replicas, a configuration change (which rolls them
/// too), Prometheus reloaded, restarted on its storage and replaced without it, scaling to four replicas and back, a
/// drain of every node in turn, and model alerts firing and resolving. All along, every alert Prometheus fires is
/// watched (every 250 ms) and every Slack post read: no self-alert may fire, none may reach Slack, and no gap between
/// two heartbeat pings may reach the outside check's paging threshold (an interval and a grace of one). After each
/// operation the test waits the self-alerts' wait and two evaluations before the next, so an alert that an operation
/// would raise fires before the next starts; after the last it waits the longest wait (the configuration alert's).
/// </summary>
[Collection(nameof(RoutineOperationsCollection))]
public sealed class RoutineOperationsChainTests
{
    private const int TestTimeout = 900_000;

    [Fact(Timeout = TestTimeout)]
    public async Task Routine_operations_raise_no_self_alert_and_the_heartbeat_keeps_pinging()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stack = await RoutineOperationsStack.StartAsync(ct);
        var selfAlerts = StackRules.Render(stack.Settings).Groups.Single(g => g.Name == SelfAlertRules.GroupNameOf(stack.Settings)).Rules.Select(r => r.Alert!).ToList();
        await using var log = new SelfAlertLog(selfAlerts, () => stack.Prometheus);
        var settle = RoutineOperationsStack.SelfTimings.For + (2 * RoutineOperationsStack.Interval);
        var longest = SelfAlertRules.ConfigInconsistentFor(stack.Settings, RoutineOperationsStack.SelfTimings) + (2 * RoutineOperationsStack.Interval);
        var done = new List<string>();

        async Task Operation(string name, Func<Task> operation)
        {
            await operation();
            await Task.Delay(settle, ct);
            done.Add($"{log.Elapsed.TotalSeconds:0}s {name}");
        }

        var slackBefore = stack.Slack.Elapsed;
        var pingsFrom = stack.Heartbeat.Elapsed;

        await Operation("rollout of the three replicas", () => RollOutAsync(stack, ct));
        await Operation("configuration change, rolled out", async () =>
        {
            await stack.NewConfigurationAsync(s => s with { Routing = s.Routing with { RepeatInterval = AlertmanagerDuration.Parse("5h") } }, ct);
            await RollOutAsync(stack, ct);
        });
        await Operation("Prometheus reloaded", () => stack.Prometheus!.ReloadAsync(ct));
        await Operation("Prometheus restarted on its storage", () => stack.Prometheus!.RestartAsync(ct));
        await Operation("Prometheus replaced without storage", () => stack.ReplacePrometheusAsync(ct));
        await Operation("scaled to four replicas", async () =>
        {
            await stack.LoadRulesForAsync(4, ct);
            await stack.StartReplicaAsync(ct);
            await stack.WaitUntilAllReadyAsync(ct);
        });
        await Operation("scaled back to three", async () =>
        {
            await stack.LoadRulesForAsync(3, ct);
            await stack.StopReplicaAsync(stack.Replicas[^1], ct);
            await stack.WaitUntilAllReadyAsync(ct);
        });
        await Operation("every node drained in turn", () => DrainEveryNodeAsync(stack, ct));
        await Operation("a model alert fires and resolves", () => FireAndResolveAsync(stack, ct));
        await Task.Delay(longest - settle, ct);

        var firing = log.FiringSince(TimeSpan.Zero);
        Assert.True(firing.Count == 0, $"self-alerts fired during routine work:{Environment.NewLine}{string.Join(Environment.NewLine, firing)}{Environment.NewLine}operations:{Environment.NewLine}{string.Join(Environment.NewLine, done)}");

        var told = stack.Slack.AllRequests.Where(r => r.Elapsed > slackBefore && selfAlerts.Any(a => r.Body.Contains(a, StringComparison.Ordinal))).ToList();
        Assert.True(told.Count == 0, $"self-alerts posted to Slack:{Environment.NewLine}{string.Join(Environment.NewLine, told)}");

        var pings = stack.Heartbeat.Pings.Where(p => p.Elapsed >= pingsFrom).Select(p => p.Elapsed).Append(stack.Heartbeat.Elapsed).ToList();
        var gap = pings.Zip(pings.Skip(1), (a, b) => b - a).Max();
        Assert.True(gap < stack.OutsidePagesAfter, $"the heartbeat paused {gap.TotalSeconds:0.0}s, long enough for the outside check ({stack.OutsidePagesAfter.TotalSeconds:0}s) to page{Environment.NewLine}{stack.Describe()}");
        TestContext.Current.SendDiagnosticMessage($"routine operations: {string.Join("; ", done)}; longest heartbeat gap {gap.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)}s of {stack.OutsidePagesAfter.TotalSeconds}s");
    }

    /// <summary>
    /// The StatefulSet's rolling update: one pod at a time, from the highest ordinal down, the old one stopped before its
    /// successor starts, and the next only once that successor is ready (its start delay passed and its gossip settled).
    /// </summary>
    private static async Task RollOutAsync(RoutineOperationsStack stack, CancellationToken ct)
    {
        foreach (var old in stack.Replicas.Reverse().ToList())
        {
            await stack.StopReplicaAsync(old, ct);
            await stack.StartReplicaAsync(ct);
            await stack.WaitUntilAllReadyAsync(ct);
        }
    }

    /// <summary>
    /// kubectl drain of each replica's node in turn under the disruption budget (maxUnavailable 1): a replica is evicted
    /// only while every other is ready, and its replacement is scheduled at once on another node.
    /// </summary>
    private static async Task DrainEveryNodeAsync(RoutineOperationsStack stack, CancellationToken ct)
    {
        foreach (var replica in stack.Replicas.ToList())
        {
            await stack.WaitUntilAllReadyAsync(ct);
            await stack.StopReplicaAsync(replica, ct);
            await stack.StartReplicaAsync(ct);
        }

        await stack.WaitUntilAllReadyAsync(ct);
    }

    /// <summary>A model goes critical and back: its critical and its resolved message reach #ml-alerts-critical.</summary>
    private static async Task FireAndResolveAsync(RoutineOperationsStack stack, CancellationToken ct)
    {
        var start = stack.Slack.Elapsed;
        stack.Exporter.Set(RoutineOperationsStack.Model, 0.45m);
        await stack.WaitUntilAsync(() => Task.FromResult(stack.Slack.Delivered.Any(r => r.WebhookName == "critical" && r.Elapsed > start && r.Body.Contains(RoutineOperationsStack.Model, StringComparison.Ordinal))),
            TimeSpan.FromSeconds(60), "the model's critical in #ml-alerts-critical", ct);
        var resolving = stack.Slack.Elapsed;
        stack.Exporter.Set(RoutineOperationsStack.Model, 0.20m);
        await stack.WaitUntilAsync(() => Task.FromResult(stack.Slack.Delivered.Any(r => r.WebhookName == "critical" && r.Elapsed > resolving && r.Body.Contains("✅", StringComparison.Ordinal))),
            TimeSpan.FromSeconds(60), "the model's resolved message in #ml-alerts-critical", ct);
    }
}
