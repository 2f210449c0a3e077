namespace MlopsAlerting.Core.Settings;

internal static class AlertmanagerDurationText
{
    /// <summary>A whole number of seconds as Alertmanager writes it (<c>20s</c>, <c>1m30s</c>).</summary>
    public static string Of(TimeSpan value)
    {
        var seconds = (long)Math.Ceiling(value.TotalSeconds);
        var (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
        var text = (h > 0 ? $"{h}h" : string.Empty) + (m > 0 ? $"{m}m" : string.Empty) + (s > 0 ? $"{s}s" : string.Empty);
        return text.Length == 0 ? "0s" : text;
    }
}
