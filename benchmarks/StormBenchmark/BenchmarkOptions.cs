using System.Globalization;

namespace MlopsAlerting.StormBenchmark;

/// <summary>The command line of the storm benchmark.</summary>
/// <param name="Runs">How many times to run the storm; medians are printed when more than one.</param>
/// <param name="Window">How long to watch Slack after the storm.</param>
/// <param name="Verbose">Whether to print every Slack request of every run.</param>
/// <param name="WarningOnly">How many of the models fire only a warning (no critical); 0 by default.</param>
/// <param name="AppMode">Whether to run ours in Slack app mode too, side by side.</param>
internal sealed record BenchmarkOptions(int Runs, TimeSpan Window, bool Verbose, int WarningOnly = 0, bool AppMode = false)
{
    public const string Usage = """
        usage: dotnet run -c Release --project benchmarks/StormBenchmark -- [--runs N] [--window SECONDS] [--warning-only N] [--app-mode] [--verbose]
          --runs N          repeat the storm and the scenarios N times (1-20, default 1) and print the medians
          --window SECONDS  watch Slack this long after the storm (10-600, default 40)
          --warning-only N  let N of the 50 models fire only a warning (0-49, default 0): a mixed storm
          --app-mode        also run ours in Slack app mode (bot token, chat.postMessage, update_message), side by side
          --verbose         print every request each Slack stand-in received
        """;

    public static (BenchmarkOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        var options = new BenchmarkOptions(1, TimeSpan.FromSeconds(40), false);
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--runs" or "--window" or "--warning-only" when i + 1 >= args.Count:
                    return (null, $"{args[i]} needs a number");
                case "--runs":
                    if (!int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out var runs) || runs is < 1 or > 20)
                    {
                        return (null, $"--runs must be a whole number from 1 to 20, not '{args[i]}'");
                    }

                    options = options with { Runs = runs };
                    break;
                case "--window":
                    if (!int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds is < 10 or > 600)
                    {
                        return (null, $"--window must be a whole number of seconds from 10 to 600, not '{args[i]}'");
                    }

                    options = options with { Window = TimeSpan.FromSeconds(seconds) };
                    break;
                case "--warning-only":
                    if (!int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out var warningOnly) || warningOnly is < 0 or >= Storm.Models)
                    {
                        return (null, $"--warning-only must be a whole number from 0 to {Storm.Models - 1}, not '{args[i]}'");
                    }

                    options = options with { WarningOnly = warningOnly };
                    break;
                case "--verbose":
                    options = options with { Verbose = true };
                    break;
                case "--app-mode":
                    options = options with { AppMode = true };
                    break;
                case "-h" or "--help":
                    return (null, null);
                default:
                    return (null, $"unknown argument {args[i]}");
            }
        }

        return (options, null);
    }
}
