using System.Globalization;
using System.Text;

namespace MlopsAlerting.Core.Rendering;

/// <summary>Writes a setting's text into a Go template as a quoted string action, so that no setting can inject template code.</summary>
public static class GoTemplateText
{
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
