namespace MlopsAlerting.StaleResendBenchmark;

/// <summary>The Wilson score interval of a proportion: <paramref name="Low"/> to <paramref name="High"/> at 95 %.</summary>
/// <param name="Low">Lower bound, 0 to 1.</param>
/// <param name="High">Upper bound, 0 to 1.</param>
internal sealed record WilsonInterval(double Low, double High)
{
    private const double Z = 1.959964;

    /// <summary>The 95 % interval of <paramref name="hits"/> in <paramref name="trials"/>; 0 to 1 when there are no trials.</summary>
    public static WilsonInterval Of(int hits, int trials)
    {
        if (trials == 0)
        {
            return new WilsonInterval(0, 1);
        }

        double n = trials;
        var p = hits / n;
        var z2 = Z * Z;
        var centre = (p + (z2 / (2 * n))) / (1 + (z2 / n));
        var half = Z * Math.Sqrt((p * (1 - p) / n) + (z2 / (4 * n * n))) / (1 + (z2 / n));
        return new WilsonInterval(Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    public override string ToString() => $"{Low * 100:0.0}–{High * 100:0.0} %";
}
