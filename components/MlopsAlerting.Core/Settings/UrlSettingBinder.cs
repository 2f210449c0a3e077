using MlopsAlerting.Core.Config;

namespace MlopsAlerting.Core.Settings;

/// <summary>An absolute http(s) URL setting (<c>alertmanager.externalUrl</c>, the links of <c>slack</c>), refused with characters a URL cannot hold unescaped.</summary>
internal static class UrlSettingBinder
{
    public static Uri? Bind(BindingContext ctx, ConfigNode? node, string path, bool required)
    {
        var text = ctx.String(node, path);
        if (text is null)
        {
            return required && node is null ? ctx.Invalid<Uri>(path, "is not set", $"set it: pulumi config set --path {path} https://...", node) : null;
        }

        if (SettingsRules.UrlCharacterProblem(text) is { } characterProblem)
        {
            return ctx.Invalid<Uri>(path, characterProblem, "write the final URL; percent-encode such characters (a space as %20, '{' as %7B, '}' as %7D, '|' as %7C)", node);
        }

        return SettingsRules.HttpUrl(text) ?? ctx.Invalid<Uri>(path, $"'{text}' is not an absolute http(s) URL", "write the whole URL with its scheme, e.g. https://alertmanager.example.com", node);
    }
}
