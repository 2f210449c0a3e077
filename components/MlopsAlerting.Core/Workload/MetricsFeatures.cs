using MlopsAlerting.Core.Config;

namespace MlopsAlerting.Core.Workload;

/// <summary>
/// Alertmanager's <c>--enable-feature=receiver-name-in-metrics</c>: the notification counters get a
/// <c>receiver_name</c> label, so a self-alert names the channel whose webhook fails, not only "slack". The flag came
/// with 0.27 (its release notes); 0.25 has no <c>--enable-feature</c> at all and exits on an unknown flag, so it is
/// passed only to an image whose tag says 0.27 or newer (a digest-pinned image gets the per-integration alerts).
/// </summary>
public static class MetricsFeatures
{
    /// <summary>The oldest Alertmanager with the flag.</summary>
    public static readonly Version ReceiverNameMinimumVersion = new(0, 27);

    /// <summary>The flag.</summary>
    public const string ReceiverNameFlag = "--enable-feature=receiver-name-in-metrics";

    /// <summary>The flags an image of <paramref name="image"/> takes.</summary>
    public static IEnumerable<string> Args(string image)
    {
        if (SettingsRules.ImageVersionOf(image) is { } version && version >= ReceiverNameMinimumVersion)
        {
            yield return ReceiverNameFlag;
        }
    }
}
