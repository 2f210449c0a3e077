using MlopsAlerting.Core.Config;

namespace MlopsAlerting.Core.Settings;

/// <summary>Binds <c>heartbeatUrl</c>: it must be a secret, since whoever reads it can keep the dead man's switch quiet.</summary>
internal static class HeartbeatUrlBinder
{
    public static HeartbeatUrl Bind(BindingContext ctx, ConfigNode? node, string stack)
    {
        const string path = HeartbeatUrl.Key;
        var set = HeartbeatUrl.SetCommand(stack);
        switch (node)
        {
            case null:
            case ScalarNode { Value: "" }:
                // Pulumi hands the program Pulumi.yaml's empty default when the URL is not set: no heartbeat, not an error.
                return HeartbeatUrl.Missing;
            case SecretNode { Value: null }:
                return new HeartbeatUrl(WebhookState.Encrypted, null);
            case SecretNode { Value: { } secret } provided:
                if (Problem(secret.Reveal()) is { } problem)
                {
                    ctx.Error(path, problem, $"copy the ping URL of the check from the outside service and run: {set}", provided);
                    return HeartbeatUrl.Missing;
                }

                return new HeartbeatUrl(WebhookState.Provided, secret);
            case ScalarNode plain:
                ctx.Error(path, "is stored in plain text, so anyone who can read the stack file can keep the dead man's switch quiet", $"run `pulumi config rm {path} --stack {stack}`, create a new check (or a new ping URL) in the outside service, then run: {set}", plain);
                return HeartbeatUrl.Missing;
            default:
                ctx.Error(path, $"must be one secret URL, not {node.Shape}", $"run: {set}", node);
                return HeartbeatUrl.Missing;
        }
    }

    /// <inheritdoc cref="SettingsBinder.HeartbeatUrlProblem"/>
    public static string? Problem(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || uri.Host.Length == 0)
        {
            return "is not an absolute http(s) URL; the value is not shown because it is secret";
        }

        return url.Any(char.IsWhiteSpace) ? "contains spaces; the value is not shown because it is secret" : null;
    }
}
