using System.Globalization;
using System.Text.RegularExpressions;
using MlopsAlerting.Core.Settings;

namespace MlopsAlerting.Core.Workload;

/// <summary>
/// What an Alertmanager image can do, decided once from the release it runs: the version its tag names
/// (<c>:v0.34.0</c>, <c>:v0.34.0@sha256:…</c>) or, for an image whose tag names none (a digest alone, <c>:main</c>), the
/// one <c>alertmanager.imageVersion</c> declares. Every version-dependent choice of the stack reads this record: whether
/// the settings accept the image at all, the Deployment's flags, the heartbeat's <c>url_file</c>, Slack app mode and the
/// review's promises.
/// </summary>
/// <param name="Version">The Alertmanager release: major.minor from a tag such as <c>:v0.34</c>, major.minor.patch otherwise.</param>
/// <param name="Declared">True when the version comes from <c>alertmanager.imageVersion</c>, false when from the image's tag.</param>
public sealed partial record AlertmanagerCapabilities(Version Version, bool Declared = false)
{
    /// <summary>The oldest Alertmanager the rendered configuration runs on (matchers, <c>api_url_file</c>); older is refused.</summary>
    public static readonly Version OldestSupported = new(0, 25);

    /// <summary>
    /// The oldest Alertmanager with <c>--enable-feature=receiver-name-in-metrics</c> (its release notes): the notification
    /// counters get a <c>receiver_name</c> label, so a delivery self-alert names the channel whose webhook fails. 0.25 has
    /// no <c>--enable-feature</c> at all and exits on an unknown flag.
    /// </summary>
    public static readonly Version ReceiverNameInMetricsSince = new(0, 27);

    /// <summary>The oldest Alertmanager that knows <c>--dispatch.start-delay</c>.</summary>
    public static readonly Version DispatchStartDelaySince = new(0, 30);

    /// <summary>The oldest Alertmanager whose webhook receiver knows <c>url_file</c> (see <see cref="HeartbeatUrl.MinimumVersion"/>).</summary>
    public static Version HeartbeatUrlFileSince => HeartbeatUrl.MinimumVersion;

    /// <summary>The oldest Alertmanager whose Slack notifier knows <c>update_message</c> (see <see cref="SlackModes.AppModeMinimumVersion"/>).</summary>
    public static Version SlackAppModeSince => SlackModes.AppModeMinimumVersion;

    /// <summary>The flag that puts receiver names on the notification counters.</summary>
    public const string ReceiverNameFlag = "--enable-feature=receiver-name-in-metrics";

    /// <summary>The example a fix shows for <c>alertmanager.imageVersion</c>.</summary>
    public const string ExampleVersion = "0.34.0";

    /// <summary>False for a release older than <see cref="OldestSupported"/>, which the settings refuse.</summary>
    public bool Supported => Version >= OldestSupported;

    /// <summary>The Deployment passes <see cref="ReceiverNameFlag"/>, so the delivery self-alerts tell the channels apart.</summary>
    public bool ReceiverNameInMetrics => Version >= ReceiverNameInMetricsSince;

    /// <summary>A new clustered replica can hold its notifications (<c>--dispatch.start-delay</c>).</summary>
    public bool DispatchStartDelay => Version >= DispatchStartDelaySince;

    /// <summary>The heartbeat receiver can read its URL from the mounted Secret (<c>url_file</c>).</summary>
    public bool HeartbeatUrlFile => Version >= HeartbeatUrlFileSince;

    /// <summary><c>slack.mode: app</c> works (<c>update_message</c>).</summary>
    public bool SlackAppMode => Version >= SlackAppModeSince;

    /// <summary>The <c>--enable-feature</c> flags the image takes.</summary>
    public IReadOnlyList<string> FeatureFlags => ReceiverNameInMetrics ? [ReceiverNameFlag] : [];

    /// <summary>The version as the review and the errors write it, e.g. <c>0.34.0</c> or <c>0.34</c>.</summary>
    public string VersionText => Version.ToString();

    /// <summary>Where the version comes from, for the review.</summary>
    public string Source => Declared ? "declared by `alertmanager.imageVersion`" : "from the image's tag";

    /// <summary>What the image can do, for one that runs <paramref name="version"/> (a local binary, a test).</summary>
    public static AlertmanagerCapabilities Of(Version version) => new(version);

    // A release tag: v0.34.0, 0.34.0 or v0.34, optionally with a suffix such as -rc.0 or -distroless.
    [GeneratedRegex("^v?(?<major>\\d{1,4})\\.(?<minor>\\d{1,4})(?:\\.(?<patch>\\d{1,4}))?(?:-[A-Za-z0-9_.-]+)?$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex ReleaseTag();

    // A declared release: major.minor.patch, so that a YAML number such as 0.30 (read as 0.3) is never taken for a version.
    [GeneratedRegex("^v?(?<major>\\d{1,4})\\.(?<minor>\\d{1,4})\\.(?<patch>\\d{1,4})$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex DeclaredRelease();

    /// <summary>The tag of an image reference (between the last path segment's colon and any digest), or null.</summary>
    public static string? TagOf(string image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var name = image.Split('@')[0];
        var lastSegment = name[(name.LastIndexOf('/') + 1)..];
        var colon = lastSegment.LastIndexOf(':');
        return colon < 0 ? null : lastSegment[(colon + 1)..];
    }

    /// <summary>The release the image's tag names (<c>:v0.34.0</c>, <c>:v0.34</c>, <c>:v0.34.0@sha256:…</c>), or null for a digest alone or a tag such as <c>main</c>.</summary>
    public static Version? TagVersion(string image) =>
        TagOf(image) is { } tag && ReleaseTag().Match(tag) is { Success: true } match ? VersionOf(match) : null;

    /// <summary>The release <c>alertmanager.imageVersion</c> declares (<c>0.34.0</c> or <c>v0.34.0</c>), or null when the text is not one.</summary>
    public static Version? ParseDeclared(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return DeclaredRelease().Match(text) is { Success: true } match ? VersionOf(match) : null;
    }

    /// <summary>
    /// True when the tag's version and the declared one name the same release: equal major and minor, and equal patch where
    /// both give one (a tag <c>:v0.34</c> agrees with 0.34.1).
    /// </summary>
    public static bool Agree(Version tag, Version declared)
    {
        ArgumentNullException.ThrowIfNull(tag);
        ArgumentNullException.ThrowIfNull(declared);
        return tag.Major == declared.Major && tag.Minor == declared.Minor && (tag.Build < 0 || declared.Build < 0 || tag.Build == declared.Build);
    }

    /// <summary>
    /// What an image can do: its tag's version, else the declared one; null when neither names a release, or when they
    /// disagree (the settings refuse both).
    /// </summary>
    public static AlertmanagerCapabilities? From(string image, string? declaredVersion)
    {
        var tag = TagVersion(image);
        var declared = declaredVersion is null ? null : ParseDeclared(declaredVersion);
        return (tag, declared) switch
        {
            (null, null) => null,
            ({ } t, null) => new AlertmanagerCapabilities(t),
            (null, { } d) => new AlertmanagerCapabilities(d, Declared: true),
            ({ } t, { } d) => Agree(t, d) ? new AlertmanagerCapabilities(d, Declared: true) : null,
        };
    }

    private static Version VersionOf(Match match)
    {
        var major = int.Parse(match.Groups["major"].Value, CultureInfo.InvariantCulture);
        var minor = int.Parse(match.Groups["minor"].Value, CultureInfo.InvariantCulture);
        return match.Groups["patch"].Success
            ? new Version(major, minor, int.Parse(match.Groups["patch"].Value, CultureInfo.InvariantCulture))
            : new Version(major, minor);
    }
}
