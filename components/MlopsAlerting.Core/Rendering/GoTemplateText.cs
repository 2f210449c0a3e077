using System.Globalization;
using System.Text;

namespace MlopsAlerting.Core.Rendering;

/// <summary>Writes a setting's text into a Go template as a quoted string action, so that no setting can inject template code.</summary>
public static class GoTemplateText
{
    /// <summary>
    /// Text for a place that Go's text/template expands (a Prometheus rule's labels and annotations,
    /// a Slack field of alertmanager.yml): unchanged when it holds no <c>{</c>, which is the only
    /// character that can start an action (also when joined to the text after it), else as <see cref="Literal"/>.
    /// Either way it renders as exactly <paramref name="text"/>.
    /// </summary>
    public static string Escape(string text) => text.Contains('{', StringComparison.Ordinal) ? Literal(text) : text;

    /// <summary><c>{{ "text" }}</c> with Go string-literal escaping.</summary>
    public static string Literal(string text)
    {
        var builder = new StringBuilder("{{ \"");
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\':
                    builder.Append(@"\\");
                    break;
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\n':
                    builder.Append(@"\n");
                    break;
                case '\r':
                    builder.Append(@"\r");
                    break;
                case '\t':
                    builder.Append(@"\t");
                    break;
                case < ' ':
                    builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.Append("\" }}").ToString();
    }
}
