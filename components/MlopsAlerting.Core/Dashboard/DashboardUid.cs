using System.Security.Cryptography;
using System.Text;
using MlopsAlerting.Core.Rules;
using MlopsAlerting.Core.Settings;

namespace MlopsAlerting.Core.Dashboard;

/// <summary>
/// The stack's dashboard UID: <c>mlops-</c>, the stack name in Grafana's UID characters (at most 20), and 8 hex digits of
/// the stack's identity (<c>&lt;namespace&gt;/&lt;stack&gt;</c>), so two stacks of one Grafana never share one and a
/// stack keeps its UID, and so every link to it, across deploys. At most 35 characters of <c>[a-z0-9-]</c> (Grafana
/// allows 40 of <c>[a-zA-Z0-9_-]</c>).
/// </summary>
public static class DashboardUid
{
    /// <summary>Grafana's longest UID.</summary>
    public const int MaxLength = 40;

    private const int NameLength = 20;

    public static string Of(StackSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var name = new StringBuilder();
        foreach (var c in settings.Stack.ToLowerInvariant())
        {
            name.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') ? c : '-');
        }

        var slug = name.ToString().Trim('-');
        slug = slug.Length > NameLength ? slug[..NameLength].TrimEnd('-') : slug;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(StackIdentity.Value(settings))))[..8];
        return slug.Length == 0 ? $"mlops-{hash}" : $"mlops-{slug}-{hash}";
    }
}
