namespace MlopsAlerting.LocalRun;

/// <summary>
/// The faults <see cref="SlackStandIn"/> plays: the scripted outage of <see cref="SlackStandInOptions.Schedule"/> (every
/// webhook and the Web API) and the webhooks broken one by one with <see cref="SlackStandIn.Break"/>. Not thread-safe:
/// the stand-in calls it under its lock.
/// </summary>
internal sealed class SlackFaults
{
    private readonly IReadOnlyList<SlackOutagePhase> _schedule;
    private readonly Dictionary<string, SlackAnswer> _broken = new(StringComparer.Ordinal);
    private TimeSpan? _scheduleStartedAt;

    /// <param name="schedule">The outage's phases, in order.</param>
    /// <param name="startsImmediately">Whether the schedule runs from the stand-in's start (time zero) or waits for <see cref="BeginSchedule"/>.</param>
    public SlackFaults(IReadOnlyList<SlackOutagePhase> schedule, bool startsImmediately)
    {
        _schedule = schedule;
        _scheduleStartedAt = startsImmediately ? TimeSpan.Zero : null;
    }

    /// <summary>(Re)starts the schedule at <paramref name="now"/>.</summary>
    public void BeginSchedule(TimeSpan now) => _scheduleStartedAt = now;

    /// <summary>Makes <paramref name="webhook"/> answer <paramref name="answer"/> until <see cref="Heal"/>, whatever the schedule.</summary>
    public void Break(string webhook, SlackAnswer answer) => _broken[webhook] = answer;

    /// <summary>Makes every broken webhook answer normally again.</summary>
    public void Heal() => _broken.Clear();

    /// <summary>What <paramref name="webhook"/> answers while broken; false when it is not.</summary>
    public bool TryGetBroken(string webhook, out SlackAnswer answer) => _broken.TryGetValue(webhook, out answer);

    /// <summary>
    /// The answer of the outage phase <paramref name="now"/> falls in (with Slack's usual body for its status unless the
    /// phase sets one), or null before the schedule starts and after its last phase.
    /// </summary>
    public SlackAnswer? ScheduledAnswer(TimeSpan now)
    {
        if (_scheduleStartedAt is not { } startedAt)
        {
            return null;
        }

        var intoSchedule = now - startedAt;
        foreach (var phase in _schedule)
        {
            if (intoSchedule < phase.Duration)
            {
                var body = phase.Body ?? phase.StatusCode switch
                {
                    429 => "rate_limited",
                    >= 200 and < 300 => "ok",
                    _ => "internal_error",
                };
                return new SlackAnswer(phase.StatusCode, phase.RetryAfterSeconds, body);
            }

            intoSchedule -= phase.Duration;
        }

        return null;
    }
}
