namespace MlopsAlerting.StormBenchmark;

/// <summary>
/// A sequence of alerts posted to one configuration's Alertmanagers, then watched for <see cref="Window"/>.
/// <see cref="Drive"/> posts through the driver, which records what is expected where and which alerts' latency to measure.
/// </summary>
/// <param name="Name">Short name in the tables.</param>
/// <param name="What">What happens, in scaled seconds.</param>
/// <param name="ProdMeaning">What it is at prod scale.</param>
/// <param name="WithReplicas">Whether the three-replica configuration runs it too.</param>
/// <param name="Drive">Posts the alerts.</param>
/// <param name="Window">How long to watch after the last post.</param>
internal sealed record Scenario(string Name, string What, string ProdMeaning, bool WithReplicas, Func<ScenarioDriver, CancellationToken, Task> Drive, Func<StormConfiguration, TimeSpan> Window);
