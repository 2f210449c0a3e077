using System.Globalization;

namespace MlopsAlerting.StaleResendBenchmark;

/// <summary>The command line of the stale re-send benchmark. Every lane runs its own stack; all lanes run at once.</summary>
/// <param name="FreshLanes">Stacks in which one model goes critical and back, its group new each time (in phase).</param>
/// <param name="FreshTime">How long each of those counts.</param>
/// <param name="RolloutLanes">Stacks with an anchor critical, counted before any rollout (in phase, a long-lived group) and after each rollout.</param>
/// <param name="Rollouts">Rollouts per rollout lane.</param>
/// <param name="Before">How long a rollout lane counts before its first rollout.</param>
/// <param name="After">How long a rollout lane counts after each rollout.</param>
/// <param name="PeerTimeout">Every replica's <c>--cluster.peer-timeout</c>.</param>
/// <param name="Verbose">Whether to print every stale re-send with the messages around it.</param>
internal sealed record BenchmarkOptions(int FreshLanes, TimeSpan FreshTime, int RolloutLanes, int Rollouts, TimeSpan Before, TimeSpan After, TimeSpan PeerTimeout, bool Verbose)
{
    public const string Usage = """
        usage: dotnet run -c Release --project benchmarks/StaleResendBenchmark -- [options]
          --fresh-lanes N        stacks where one model goes critical and back, a new group each time (0-6, default 4)
          --fresh-time SECONDS   how long each of them counts (60-3600, default 1050)
          --rollout-lanes N      stacks with a model critical all along, rolled out again and again (0-6, default 4)
          --rollouts N           rollouts per rollout lane (0-20, default 5)
          --before SECONDS       how long a rollout lane counts before its first rollout (0-900, default 90)
          --after SECONDS        how long a rollout lane counts after each rollout (30-900, default 70)
          --peer-timeout-ms N    every replica's --cluster.peer-timeout (100-10000, default 1000); 3000 (a lag above
                                 group_interval, which the review refuses) shows what the benchmark sees when stale
                                 re-sends are certain
          --verbose              print every stale re-send with the messages of its channel around it
        """;

    public static (BenchmarkOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        var options = new BenchmarkOptions(4, TimeSpan.FromSeconds(1050), 4, 5, TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(70), TimeSpan.FromSeconds(1), false);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is "--verbose")
            {
                options = options with { Verbose = true };
                continue;
            }

            if (name is "-h" or "--help")
            {
                return (null, null);
            }

            (int Min, int Max)? range = name switch
            {
                "--fresh-lanes" or "--rollout-lanes" => (0, 6),
                "--fresh-time" => (60, 3600),
                "--rollouts" => (0, 20),
                "--before" => (0, 900),
                "--after" => (30, 900),
                "--peer-timeout-ms" => (100, 10_000),
                _ => null,
            };
            if (range is not { } r)
            {
                return (null, $"unknown argument {name}");
            }

            if (i + 1 >= args.Count || !int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < r.Min || value > r.Max)
            {
                return (null, $"{name} needs a whole number from {r.Min} to {r.Max}");
            }

            options = name switch
            {
                "--fresh-lanes" => options with { FreshLanes = value },
                "--fresh-time" => options with { FreshTime = TimeSpan.FromSeconds(value) },
                "--rollout-lanes" => options with { RolloutLanes = value },
                "--rollouts" => options with { Rollouts = value },
                "--before" => options with { Before = TimeSpan.FromSeconds(value) },
                "--after" => options with { After = TimeSpan.FromSeconds(value) },
                _ => options with { PeerTimeout = TimeSpan.FromMilliseconds(value) },
            };
        }

        return (options, null);
    }
}
