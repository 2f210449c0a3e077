using System.Globalization;

namespace MlopsAlerting.LocalRun;

/// <summary>Formats durations the way Go's <c>time.ParseDuration</c> reads them.</summary>
internal static class GoDuration
{
    public static string Format(TimeSpan duration) =>
        ((long)Math.Ceiling(duration.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture) + "ms";
}
