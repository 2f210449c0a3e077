using System.Globalization;
using System.Text.RegularExpressions;

namespace MlopsAlerting.Core.Settings;

/// <summary>
/// A duration in Prometheus/Alertmanager syntax (<c>30s</c>, <c>5m</c>, <c>1h30m</c>, <c>12h</c>):
/// units y, w, d, h, m, s, ms, largest first, each at most once. Keeps the text as written.
/// </summary>
public sealed partial record AlertmanagerDuration(string Text, TimeSpan Value) : IComparable<AlertmanagerDuration>
{
    public const string SyntaxHelp = "a number and a unit, largest unit first, e.g. 30s, 5m, 1h30m (units: ms, s, m, h, d, w, y)";

    [GeneratedRegex("^(?:(\\d+)y)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    /// <summary>Parses Alertmanager's duration syntax; null when the text is not one.</summary>
    public static AlertmanagerDuration? TryParse(string text)
    {
        if (text == "0")
        {
            return new AlertmanagerDuration(text, TimeSpan.Zero);
        }

        var match = Pattern().Match(text);
        if (text.Length == 0 || !match.Success)
        {
            return null;
        }

        long[] millisPerUnit = [365L * 24 * 3600 * 1000, 7L * 24 * 3600 * 1000, 24L * 3600 * 1000, 3600L * 1000, 60L * 1000, 1000L, 1L];

        // Alertmanager and Prometheus hold a duration in Go's time.Duration: int64 nanoseconds, about 292 years.
        const long maxMillis = long.MaxValue / 1_000_000;
        long total = 0;
        for (var i = 0; i < millisPerUnit.Length; i++)
        {
            var group = match.Groups[i + 1];
            if (group.Success)
            {
                if (!long.TryParse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > (maxMillis - total) / millisPerUnit[i])
                {
                    return null;
                }

                total += n * millisPerUnit[i];
            }
        }

        return new AlertmanagerDuration(text, TimeSpan.FromMilliseconds(total));
    }

    /// <summary>Parses or throws; for constants and tests.</summary>
    public static AlertmanagerDuration Parse(string text) =>
        TryParse(text) ?? throw new FormatException($"'{text}' is not {SyntaxHelp}");

    public int CompareTo(AlertmanagerDuration? other) => other is null ? 1 : Value.CompareTo(other.Value);

    public override string ToString() => Text;
}
