using System.Globalization;
using System.Text;

namespace MlopsAlerting.Core.Config;

/// <summary>
/// Makes any text safe to print on one line of a terminal, a log or a pull-request summary: control
/// and invisible formatting characters (line breaks, bidirectional overrides) become <c>\n</c> or
/// <c>\u202e</c>, and very long text is cut in the middle.
/// </summary>
public static class DisplayText
{
    /// <summary>Characters kept at most; the middle of longer text is replaced by an ellipsis.</summary>
    public const int MaxLength = 400;

    public static string OneLine(string text) => OneLine(text, MaxLength);

    /// <summary>As <see cref="OneLine(string)"/>, cut at <paramref name="maxLength"/> characters.</summary>
    public static string OneLine(string text, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(Math.Min(text.Length, MaxLength + 16));
        foreach (var c in text)
        {
            switch (c)
            {
                case '\n':
                    builder.Append(@"\n");
                    break;
                case '\r':
                    builder.Append(@"\r");
                    break;
                case '\t':
                    builder.Append(@"\t");
                    break;
                case var other when IsHidden(other):
                    builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)other:x4}");
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        var line = builder.ToString();
        return line.Length <= maxLength ? line : string.Concat(line.AsSpan(0, maxLength - 120), " … ", line.AsSpan(line.Length - 117));
    }

    /// <summary>True for a character that is not visible text: controls, formatting (e.g. U+202E), line and paragraph separators, U+FFFD.</summary>
    public static bool IsHidden(char c) => char.GetUnicodeCategory(c) switch
    {
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => true,
        UnicodeCategory.Surrogate => false,
        _ => c is '\uFFFD' or '\uFEFF',
    };
}
