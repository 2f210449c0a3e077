namespace MlopsAlerting.StaleResendBenchmark;

/// <summary>Which state change of a model a <see cref="ChangeOutcome"/> judges.</summary>
internal enum ChangeKind
{
    /// <summary>The critical resolved: stale when the channel shows it firing again after telling it resolved.</summary>
    Resolve,

    /// <summary>The critical fired: stale when the channel leaves it out again after telling it firing.</summary>
    Fire,
}
