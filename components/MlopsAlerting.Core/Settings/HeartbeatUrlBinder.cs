using MlopsAlerting.Core.Config;

namespace MlopsAlerting.Core.Settings;

/// <summary>Binds <c>heartbeatUrl</c>: it must be a secret, since whoever reads it can keep the dead man's switch quiet.</summary>
internal static class HeartbeatUrlBinder
{
    private static readonly SingleSecretKey Key = new(
        HeartbeatUrl.Key,
        "URL",
        "keep the dead man's switch quiet",
        "copy the ping URL of the check from the outside service",
        "create a new check (or a new ping URL) in the outside service",
        Problem);

    public static HeartbeatUrl Bind(BindingContext ctx, ConfigNode? node, string stack)
    {
        var (state, value) = SingleSecretBinder.Bind(ctx, node, HeartbeatUrl.SetCommand(stack), Key);
        return state == WebhookState.Missing ? HeartbeatUrl.Missing : new HeartbeatUrl(state, value);
    }

    /// <inheritdoc cref="SettingsBinder.HeartbeatUrlProblem"/>
    public static string? Problem(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || uri.Host.Length == 0)
        {
            return "is not an absolute http(s) URL; the value is not shown because it is secret";
        }

        if (uri.Scheme == Uri.UriSchemeHttp)
        {
            // The URL is the check's password: in clear text anyone on the path could ping (or silence) the check.
            return "is an http:// URL, but the ping URL is a secret that must travel encrypted (and the NetworkPolicy lets Alertmanager out on TCP 443 only); use the check's https:// URL; the value is not shown because it is secret";
        }

        return url.Any(char.IsWhiteSpace) ? "contains spaces; the value is not shown because it is secret" : null;
    }
}
