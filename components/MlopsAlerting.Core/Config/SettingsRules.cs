using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace MlopsAlerting.Core.Config;

/// <summary>The shapes a setting's text must have, one predicate each.</summary>
internal static partial class SettingsRules
{
    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    public static partial Regex DnsLabel();

    [GeneratedRegex("^#[a-z0-9][a-z0-9._-]{0,79}$", RegexOptions.CultureInvariant)]
    public static partial Regex SlackChannel();

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$", RegexOptions.CultureInvariant)]
    public static partial Regex LabelName();

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$", RegexOptions.CultureInvariant)]
    public static partial Regex MetricName();

    [GeneratedRegex("^[a-z0-9]([a-z0-9._-]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    public static partial Regex ModelName();

    [GeneratedRegex("^[0-9]+(\\.[0-9]+)?m?$", RegexOptions.CultureInvariant)]
    public static partial Regex CpuQuantity();

    [GeneratedRegex("^([0-9]+(\\.[0-9]+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$", RegexOptions.CultureInvariant)]
    public static partial Regex MemoryQuantity();

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$", RegexOptions.CultureInvariant)]
    public static partial Regex Username();

    [GeneratedRegex("^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[a-zA-Z0-9]([-a-zA-Z0-9_.]*[a-zA-Z0-9])?$", RegexOptions.CultureInvariant)]
    public static partial Regex KubernetesLabelKey();

    [GeneratedRegex("^([a-zA-Z0-9]([-a-zA-Z0-9_.]*[a-zA-Z0-9])?)?$", RegexOptions.CultureInvariant)]
    public static partial Regex KubernetesLabelValue();

    /// <summary>An absolute http or https URL.</summary>
    public static Uri? HttpUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0 ? uri : null;

    /// <summary>Bytes of a Kubernetes memory quantity, or null.</summary>
    public static decimal? MemoryBytes(string text)
    {
        var match = MemoryQuantity().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var number = decimal.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var factor = match.Groups[3].Value switch
        {
            "Ki" => 1024m,
            "Mi" => 1024m * 1024,
            "Gi" => 1024m * 1024 * 1024,
            "Ti" => 1024m * 1024 * 1024 * 1024,
            "k" => 1000m,
            "M" => 1000m * 1000,
            "G" => 1000m * 1000 * 1000,
            "T" => 1000m * 1000 * 1000 * 1000,
            _ => 1m,
        };
        return number * factor;
    }

    /// <summary>Cores of a Kubernetes CPU quantity (<c>500m</c> is 0.5), or null.</summary>
    public static decimal? CpuCores(string text)
    {
        if (!CpuQuantity().IsMatch(text))
        {
            return null;
        }

        return text.EndsWith('m')
            ? decimal.Parse(text[..^1], CultureInfo.InvariantCulture) / 1000m
            : decimal.Parse(text, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(":v?(\\d+)\\.(\\d+)(\\.\\d+)?(@.*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex ImageVersion();

    /// <summary>The version of an Alertmanager image older than 0.25 (from its tag), or null when it is newer or unknown.</summary>
    public static string? ImageTooOld(string image)
    {
        var match = ImageVersion().Match(image[(image.LastIndexOf('/') + 1)..]);
        if (!match.Success)
        {
            return null;
        }

        var major = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var minor = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        return major == 0 && minor < 25 ? $"{major}.{minor}" : null;
    }

    /// <summary>The Alertmanager version of an image from its tag (e.g. 0.34 for <c>:v0.34.0</c>), or null when the tag names none.</summary>
    public static Version? ImageVersionOf(string image)
    {
        var match = ImageVersion().Match(image[(image.LastIndexOf('/') + 1)..]);
        return match.Success
            ? new Version(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture))
            : null;
    }

    /// <summary>True for an IPv4 or IPv6 CIDR such as <c>0.0.0.0/0</c>.</summary>
    public static bool Cidr(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !IPAddress.TryParse(text[..slash], out var address) || !int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var bits))
        {
            return false;
        }

        return bits <= (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? 128 : 32);
    }

    /// <summary>Why an image reference is not pinned, or null when it is (a tag other than latest, or a digest).</summary>
    public static string? ImageProblem(string image)
    {
        if (image.Length == 0 || image.Any(char.IsWhiteSpace))
        {
            return "is empty or contains spaces";
        }

        if (image.Contains("@sha256:", StringComparison.Ordinal))
        {
            return null;
        }

        var lastSegment = image[(image.LastIndexOf('/') + 1)..];
        var colon = lastSegment.LastIndexOf(':');
        if (colon < 0)
        {
            return "has no tag, so every pull may bring another version";
        }

        var tag = lastSegment[(colon + 1)..];
        if (tag.Length == 0)
        {
            return "has an empty tag";
        }

        return tag == "latest" ? "uses the tag `latest`, so every pull may bring another version" : null;
    }
}
