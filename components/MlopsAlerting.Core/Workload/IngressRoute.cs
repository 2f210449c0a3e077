using MlopsAlerting.Core.Settings;

namespace MlopsAlerting.Core.Workload;

/// <summary>
/// The Ingress that serves <c>alertmanager.externalUrl</c>: its host and path go to the
/// <c>alertmanager</c> Service on 9093 (Alertmanager serves under the URL's path itself, so the path is
/// passed through unchanged).
/// </summary>
/// <param name="Host">The URL's host.</param>
/// <param name="Path">The URL's path without a trailing slash, or <c>/</c>.</param>
/// <param name="ClassName">The IngressClass, or null for the cluster's default.</param>
/// <param name="TlsSecretName">The certificate's Secret, or null.</param>
public sealed record IngressRoute(string Host, string Path, string? ClassName, string? TlsSecretName)
{
    /// <summary>The route of a stack, or null when <c>access.ingress.enabled</c> is false.</summary>
    public static IngressRoute? From(StackSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var ingress = settings.Access.Ingress;
        if (!ingress.Enabled)
        {
            return null;
        }

        var url = settings.Alertmanager.ExternalUrl;
        var path = url.AbsolutePath.TrimEnd('/');
        return new IngressRoute(url.Host, path.Length == 0 ? "/" : path, ingress.ClassName, ingress.TlsSecretName);
    }
}
