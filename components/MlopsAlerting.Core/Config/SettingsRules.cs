using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace MlopsAlerting.Core.Config;

/// <summary>The shapes a setting's text must have, one predicate each.</summary>
internal static partial class SettingsRules
{
    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    public static partial Regex DnsLabel();

    /// <summary>A DNS-1123 subdomain, the name of most Kubernetes objects (at most 253 characters, checked apart).</summary>
    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant)]
    public static partial Regex DnsSubdomain();

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

    [GeneratedRegex("^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$", RegexOptions.CultureInvariant)]
    private static partial Regex Ipv4();

    [GeneratedRegex("^[0-9a-fA-F:.]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Ipv6Characters();

    [GeneratedRegex("^(0|[1-9][0-9]{0,2})$", RegexOptions.CultureInvariant)]
    private static partial Regex PrefixLength();

    /// <summary>
    /// True for an IPv4 or IPv6 CIDR such as <c>0.0.0.0/0</c> as Kubernetes parses it (Go's
    /// <c>net.ParseCIDR</c>): four decimal parts without leading zeros for IPv4 (never the short
    /// forms <c>10.0.0/8</c> or <c>10/8</c> that inet_aton accepts), no zone, a prefix within the family.
    /// </summary>
    public static bool Cidr(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !PrefixLength().IsMatch(text[(slash + 1)..]))
        {
            return false;
        }

        var address = text[..slash];
        var bits = int.Parse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture);
        if (address.Contains(':', StringComparison.Ordinal))
        {
            return Ipv6Characters().IsMatch(address)
                && IPAddress.TryParse(address, out var v6)
                && v6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
                && bits <= 128;
        }

        return Ipv4().IsMatch(address) && bits <= 32;
    }

    /// <summary>The CIDR a short IPv4 form such as <c>10/8</c> or <c>10.0.0/8</c> most likely meant (missing parts as 0), or null.</summary>
    public static string? CidrSuggestion(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return null;
        }

        var parts = text[..slash].Split('.');
        if (parts.Length is < 1 or > 3 || parts.Any(p => !int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > 255))
        {
            return null;
        }

        var full = string.Join('.', parts.Select(p => int.Parse(p, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)).Concat(Enumerable.Repeat("0", 4 - parts.Length))) + text[slash..];
        return Cidr(full) ? full : null;
    }

    // The distribution reference grammar (github.com/distribution/reference, regexp.go), in .NET syntax.
    private const string PathComponent = "[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*";
    private const string DomainComponent = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private const string DomainAndPort = "(?:" + DomainComponent + "(?:\\." + DomainComponent + ")*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?";
    private const string ReferencePattern = "^(?<name>(?:(?<domain>" + DomainAndPort + ")/)?(?<path>" + PathComponent + "(?:/" + PathComponent + ")*))"
        + "(?::(?<tag>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?"
        + "(?:@(?<digest>(?<algorithm>[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*):(?<hex>[0-9a-fA-F]{32,})))?$";

    [GeneratedRegex(ReferencePattern, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex ImageReference();

    /// <summary>
    /// Why <paramref name="image"/> is not a container image reference a kubelet can pull, following
    /// the distribution reference grammar (lower-case repository, tag of at most 128 characters,
    /// name of at most 255) and digests of their algorithm's length; null when it is one.
    /// </summary>
    public static string? ImageGrammarProblem(string image)
    {
        if (image.Length == 0)
        {
            return "is empty";
        }

        var match = ImageReference().Match(image);
        if (!match.Success)
        {
            var bad = image.FirstOrDefault(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '/' or ':' or '@' or '[' or ']'));
            return bad != default
                ? $"is not an image reference: '{bad}' cannot appear in one (registry/repository:tag or repository@sha256:<64 hex digits>)"
                : image.Any(char.IsAsciiLetterUpper) && !image.Contains('@', StringComparison.Ordinal)
                    ? "is not an image reference: the repository must be lower case (registry/repository:tag)"
                    : "is not an image reference (registry/repository:tag or repository@sha256:<64 hex digits>)";
        }

        if (match.Groups["name"].Length > 255)
        {
            return "is not an image reference: its name is longer than 255 characters";
        }

        if (match.Groups["digest"].Success)
        {
            var algorithm = match.Groups["algorithm"].Value;
            var hex = match.Groups["hex"].Value;
            int? expected = algorithm switch { "sha256" => 64, "sha384" => 96, "sha512" => 128, _ => null };
            if (expected is null)
            {
                return $"has a digest of the unknown algorithm '{algorithm}' (sha256, sha384 or sha512)";
            }

            if (hex.Length != expected || hex.Any(char.IsAsciiLetterUpper))
            {
                return $"has a {algorithm} digest of {hex.Length} {(hex.Any(char.IsAsciiLetterUpper) ? "mixed-case " : string.Empty)}hex digits; a {algorithm} digest is exactly {expected} lower-case hex digits";
            }
        }

        return null;
    }

    /// <summary>
    /// Why <paramref name="text"/> cannot be written into a URL setting: a character a URL never holds
    /// unescaped (RFC 3986), such as the braces of a Helm or Go template, which would also reach
    /// Alertmanager's and Prometheus's template engines; null when there is none.
    /// </summary>
    public static string? UrlCharacterProblem(string text)
    {
        var bad = text.FirstOrDefault(c => c is ' ' or '"' or '<' or '>' or '\\' or '^' or '`' or '{' or '|' or '}' or > '\u007e');
        if (bad == default)
        {
            return null;
        }

        return bad is '{' or '}'
            ? $"'{text}' contains '{bad}', which a URL cannot hold unescaped; a Helm or Go template such as {{{{ .Values.x }}}} is not expanded in a stack file"
            : $"'{text}' contains '{bad}', which a URL cannot hold unescaped";
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
