using System.Collections.Concurrent;
using MlopsAlerting.LocalRun;

namespace MlopsAlerting.StormBenchmark;

/// <summary>Posts a scenario's alerts to every Alertmanager of one configuration and records when, what is expected and what is probed.</summary>
internal sealed class ScenarioDriver(StormConfiguration configuration, IReadOnlyList<LocalAlertmanager> targets, SlackStandIn slack)
{
    private readonly ConcurrentDictionary<ScenarioAlert, TimeSpan> _posted = new();
    private readonly ConcurrentBag<ScenarioAlert> _probes = [];

    public StormConfiguration Configuration => configuration;

    public SlackStandIn Slack => slack;

    /// <summary>Stand-in time at which the scenario started.</summary>
    public TimeSpan Start { get; } = slack.Elapsed;

    /// <summary>Every alert posted (each expected in its channels) and when.</summary>
    public IReadOnlyDictionary<ScenarioAlert, TimeSpan> Posted => _posted;

    /// <summary>The alerts whose time to each channel is reported.</summary>
    public IReadOnlyCollection<ScenarioAlert> Probes => _probes;

    public async Task PostAsync(IReadOnlyList<ScenarioAlert> alerts, CancellationToken cancellationToken, bool probe = false)
    {
        var at = slack.Elapsed;
        foreach (var alert in alerts)
        {
            _posted.TryAdd(alert, at);
            if (probe)
            {
                _probes.Add(alert);
            }
        }

        var postable = alerts.Select(a => a.ToPostable()).ToArray();
        await Task.WhenAll(targets.Select(t => t.PostAlertsAsync(postable, cancellationToken)));
    }

    /// <summary>Waits until <paramref name="offset"/> after the start.</summary>
    public async Task UntilAsync(TimeSpan offset, CancellationToken cancellationToken)
    {
        var wait = Start + offset - slack.Elapsed;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, cancellationToken);
        }
    }

    /// <summary>
    /// The offset, from <paramref name="groupStart"/>, just after the flush of a group created then that comes at least
    /// <paramref name="after"/> after its first message: a new alert arriving there waits a whole group_interval (the worst case).
    /// </summary>
    public TimeSpan JustAfterFlush(TimeSpan groupStart, TimeSpan after)
    {
        var interval = configuration.GroupInterval;
        var flushes = (int)Math.Ceiling(after / interval);
        return groupStart - Start + configuration.GroupWait + (flushes * interval) + TimeSpan.FromMilliseconds(300);
    }
}
