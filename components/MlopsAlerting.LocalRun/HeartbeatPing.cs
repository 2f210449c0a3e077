namespace MlopsAlerting.LocalRun;

/// <summary>One request the heartbeat stand-in received.</summary>
/// <param name="Elapsed">When, on the stand-in's clock.</param>
/// <param name="Status">The alerts' status in Alertmanager's webhook payload (<c>firing</c>, or <c>resolved</c>).</param>
/// <param name="Body">The payload as received.</param>
public sealed record HeartbeatPing(TimeSpan Elapsed, string Status, string Body);
