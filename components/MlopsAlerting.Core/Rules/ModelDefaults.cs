using MlopsAlerting.Core.Config;
using MlopsAlerting.Core.Settings;

namespace MlopsAlerting.Core.Rules;

/// <summary>The default thresholds of <c>models</c> (the schema's), which unlisted models get.</summary>
internal sealed record ModelDefaults(decimal MaeCritical, AlertmanagerDuration CriticalFor, decimal MaeWarning, AlertmanagerDuration WarningFor)
{
    public static ModelDefaults Get()
    {
        var models = SettingsSchema.Find("models")!;
        return new ModelDefaults(
            (decimal)models.Child("maeCritical")!.Default!,
            AlertmanagerDuration.Parse((string)models.Child("criticalFor")!.Default!),
            (decimal)models.Child("maeWarning")!.Default!,
            AlertmanagerDuration.Parse((string)models.Child("warningFor")!.Default!));
    }
}
