using MlopsAlerting.LocalRun;

namespace MlopsAlerting.StormBenchmark;

/// <summary>One configuration's part of one run: the outcome and every request its Slack stand-in received.</summary>
internal sealed record StormRunResult(StormConfiguration Configuration, StormOutcome Outcome, IReadOnlyList<SlackRequest> Requests, TimeSpan StormStart);
