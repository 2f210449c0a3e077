namespace MlopsAlerting.Chain.Tests;

/// <summary>
/// What Prometheus had firing, sampled on the Slack stand-in's clock: the truth each message is judged against.
/// Prometheus changes state only at evaluations, seconds apart, so samples a fraction of a second apart miss nothing.
/// </summary>
internal sealed class TruthTimeline
{
    private readonly List<(TimeSpan At, string Key)> _samples = [];

    public void Add(TimeSpan at, IEnumerable<string> firing)
    {
        lock (_samples)
        {
            _samples.Add((at, string.Join('+', firing.Order(StringComparer.Ordinal))));
        }
    }

    /// <summary>The runs of equal samples: each state and when it began and was last seen.</summary>
    public IReadOnlyList<(string Key, TimeSpan From, TimeSpan To)> Intervals()
    {
        lock (_samples)
        {
            var runs = new List<(string Key, TimeSpan From, TimeSpan To)>();
            foreach (var (at, key) in _samples)
            {
                if (runs.Count > 0 && runs[^1].Key == key)
                {
                    runs[^1] = runs[^1] with { To = at };
                }
                else
                {
                    runs.Add((key, at, at));
                }
            }

            return runs;
        }
    }
}
