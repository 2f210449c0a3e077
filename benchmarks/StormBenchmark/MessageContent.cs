using System.Text.RegularExpressions;
using MlopsAlerting.LocalRun;

namespace MlopsAlerting.StormBenchmark;

/// <summary>What a Slack message tells a reader: its severity (the <c>*Severity:*</c> line) and the storm's models it names.</summary>
internal static partial class MessageContent
{
    [GeneratedRegex(@"\*Severity:\*\s*(\w+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SeverityLine();

    [GeneratedRegex(@"(?<![\w-])[a-z]+-\d{2}(?![\w-])", RegexOptions.CultureInvariant)]
    private static partial Regex StormModel();

    /// <summary>The visible text: every attachment's title, text and field values.</summary>
    public static string Visible(SlackMessage? message) =>
        string.Join('\n', message?.Attachments.SelectMany(a => new[] { a.Title, a.Text }.Concat(a.Fields.Select(f => f.Value))) ?? []);

    /// <summary><c>critical</c>, <c>warning</c>, ... in lower case, or empty when the message has no severity line.</summary>
    public static string Severity(SlackMessage? message)
    {
        var match = SeverityLine().Match(Visible(message));
        return match.Success ? match.Groups[1].Value.ToLowerInvariant() : string.Empty;
    }

    [GeneratedRegex(@"^\*(Critical|Warning|Info|Other):\*(.*)$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex SeverityModelsLine();

    /// <summary>
    /// Each storm model the message names, with the severity it names it under: the message's
    /// severity, or in a mixed message (the all channel's) the <c>*Critical:*</c>, <c>*Warning:*</c>
    /// line that lists it.
    /// </summary>
    public static IReadOnlyList<(string Model, string Severity)> ModelSeverities(SlackMessage? message)
    {
        var severity = Severity(message);
        if (severity != "mixed")
        {
            return Models(message).Select(m => (m, severity)).ToList();
        }

        return SeverityModelsLine().Matches(Visible(message))
            .SelectMany(line => StormModel().Matches(line.Groups[2].Value).Select(m => (m.Value, line.Groups[1].Value.ToLowerInvariant())))
            .ToList();
    }

    public static IReadOnlySet<string> Models(SlackMessage? message) =>
        StormModel().Matches(Visible(message)).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
}
