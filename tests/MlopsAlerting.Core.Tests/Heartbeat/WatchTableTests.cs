using MlopsAlerting.Core.Review;

namespace MlopsAlerting.Core.Tests.Heartbeat;

/// <summary>The review's "What watches what": computed from the stack's timings and its rendered rules (see <see cref="Review.WatchTableRulesTests"/>).</summary>
public class WatchTableTests
{
    [Fact]
    public void With_a_heartbeat_every_link_has_someone_told_within_a_bound_from_the_settings()
    {
        var table = WatchTable.Render(HeartbeatStacks.Prod());

        Assert.DoesNotContain("| never |", table, StringComparison.Ordinal);
        Assert.DoesNotContain("| nobody |", table, StringComparison.Ordinal);
        // Prometheus down: Alertmanager drops the heartbeat after 4 × 1m, then the outside check waits 5m and a 5m grace.
        Assert.Contains("| the rule file loaded at all; Prometheus up | `Heartbeat` stops (it is in the model rules' group) | the outside dead man's switch | 14m |", table, StringComparison.Ordinal);
        Assert.Contains("| every Alertmanager replica | `Heartbeat` stops at once; `AlertmanagerTargetDown` cannot be delivered | the outside dead man's switch | 10m |", table, StringComparison.Ordinal);
        // The critical channel broken: told in #ml-alerts after a 6m window (an earlier success leaves it), 6m for, 1m scrape, 1m evaluation and the all channel's 30s.
        Assert.Contains("| Alertmanager → #ml-alerts-critical | `AlertmanagerChannelUndeliverable` (critical), `AlertmanagerNotificationsFailing` (warning), after the first notification to it fails | `#ml-alerts`, `#ml-alerts-warning` | 14m30s after that failure |", table, StringComparison.Ordinal);
        Assert.Contains("set the outside check's period to 5m and its grace to 5m", table, StringComparison.Ordinal);
    }

    [Fact]
    public void The_bounds_follow_the_interval()
    {
        var table = WatchTable.Render(HeartbeatStacks.Prod(interval: "2m"));

        Assert.Contains("| every Alertmanager replica | `Heartbeat` stops at once; `AlertmanagerTargetDown` cannot be delivered | the outside dead man's switch | 4m |", table, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_heartbeat_the_links_only_it_watches_say_never()
    {
        var table = WatchTable.Render(StackFiles.Committed("prod"));

        Assert.Equal(4, table.Split('\n').Count(l => l.EndsWith("| nobody | never |", StringComparison.Ordinal)));
        Assert.Contains(WatchTable.NoHeartbeat, table, StringComparison.Ordinal);
    }
}
