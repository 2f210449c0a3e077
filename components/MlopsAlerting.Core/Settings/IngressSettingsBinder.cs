using MlopsAlerting.Core.Config;

namespace MlopsAlerting.Core.Settings;

/// <summary>Binds <c>access.ingress</c>, against <c>alertmanager.externalUrl</c>, the host and scheme it serves.</summary>
internal static class IngressSettingsBinder
{
    public static IngressSettings? Bind(BindingContext ctx, MapNode? map, Uri? externalUrl)
    {
        var enabled = ctx.Boolean(map?["enabled"], "access.ingress.enabled");
        var className = ctx.String(map?["className"], "access.ingress.className");
        var tls = ctx.String(map?["tlsSecretName"], "access.ingress.tlsSecretName");
        var controller = ctx.String(map?["controllerNamespace"], "access.ingress.controllerNamespace");
        foreach (var (key, value) in new[] { ("className", className), ("tlsSecretName", tls), ("controllerNamespace", controller) })
        {
            if (value is not null && (value.Length > 63 || !SettingsRules.DnsLabel().IsMatch(value)))
            {
                ctx.Error($"access.ingress.{key}", $"'{value}' is not a Kubernetes object name", "use lower-case letters, digits and '-', e.g. nginx", map?[key]);
                return null;
            }
        }

        if (enabled == true && externalUrl is { } url)
        {
            if (url.IsLoopback)
            {
                ctx.Error("access.ingress.enabled", $"is true, but alertmanager.externalUrl {url.AbsoluteUri} is this machine, which no Ingress serves", "set alertmanager.externalUrl to the URL people open, e.g. https://alertmanager.example.com, or turn the Ingress off", map?["enabled"]);
            }
            else if (tls is not null && url.Scheme != Uri.UriSchemeHttps)
            {
                ctx.Error("access.ingress.tlsSecretName", $"is set, but alertmanager.externalUrl {url.AbsoluteUri} is plain http, so Slack's links would skip the certificate", "write the externalUrl with https://", map?["tlsSecretName"]);
            }
        }

        return enabled is null || controller is null ? null : new IngressSettings(enabled.Value, className, tls, controller);
    }
}
