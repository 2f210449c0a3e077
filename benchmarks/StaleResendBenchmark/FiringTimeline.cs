namespace MlopsAlerting.StaleResendBenchmark;

/// <summary>
/// When Prometheus had each model's critical firing, sampled on the Slack stand-in's clock every
/// <see cref="SampleEvery"/>: the truth each message is judged against. States change only at evaluations, 10 s apart.
/// </summary>
internal sealed class FiringTimeline
{
    public static readonly TimeSpan SampleEvery = TimeSpan.FromMilliseconds(250);

    private readonly List<(TimeSpan At, IReadOnlySet<string> Firing)> _samples = [];

    /// <summary>Samples <paramref name="firing"/> until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task SampleAsync(Func<TimeSpan> clock, Func<CancellationToken, Task<IReadOnlySet<string>>> firing, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var at = clock();
                var now = await firing(cancellationToken);
                lock (_samples)
                {
                    _samples.Add((at, now));
                }

                await Task.Delay(SampleEvery, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Each run of samples in which <paramref name="model"/> fired: the first and the last sample that saw it.</summary>
    public IReadOnlyList<FiringSpell> SpellsOf(string model)
    {
        lock (_samples)
        {
            var spells = new List<FiringSpell>();
            var inSpell = false;
            foreach (var (at, firing) in _samples)
            {
                if (firing.Contains(model))
                {
                    if (inSpell)
                    {
                        spells[^1] = spells[^1] with { LastSeen = at };
                    }
                    else
                    {
                        spells.Add(new FiringSpell(at, at));
                        inSpell = true;
                    }
                }
                else
                {
                    inSpell = false;
                }
            }

            return spells;
        }
    }
}
