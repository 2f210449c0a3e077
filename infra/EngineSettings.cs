using System.Text.Json;
using MlopsAlerting.Core.Config;
using MlopsAlerting.Core.Settings;
using MlopsAlerting.Core.Workload;
using Pulumi;

namespace MlopsAlerting.Infra;

/// <summary>
/// Reads the stack's settings from the Pulumi engine, through the same reader, binder and messages
/// as <c>tools/review</c>. Any mistake, and any webhook not set, stops the program with the core's
/// lines (a <see cref="RunException"/> prints its message without a stack trace) before a single
/// resource is registered, in <c>pulumi preview</c> as in <c>pulumi up</c>.
/// </summary>
internal static class EngineSettings
{
    // The Pulumi language host hands the program its configuration in these variables; the .NET SDK
    // has no public API for which keys are secret, so the list is read where the SDK reads it.
    private const string ConfigVariable = "PULUMI_CONFIG";
    private const string SecretKeysVariable = "PULUMI_CONFIG_SECRET_KEYS";

    public static StackSettings Load(string stack)
    {
        var config = new Config(SettingsSchema.Project);
        var secretKeys = FullKeys(SecretKeysVariable, array: true);
        var allKeys = FullKeys(ConfigVariable, array: false);
        try
        {
            var raw = EngineConfigReader.Read(
                stack,
                key => config.Get(key),
                key => secretKeys.Contains($"{SettingsSchema.Project}:{key}"),
                ProjectKeys(allKeys),
                allKeys.Where(k => !k.StartsWith(SettingsSchema.Project + ":", StringComparison.Ordinal)));
            var settings = SettingsBinder.Bind(raw);
            var missing = DeployRequirements.Check(settings);
            if (missing.Count > 0)
            {
                throw new SettingsException(missing);
            }

            return settings;
        }
        catch (SettingsException e)
        {
            throw new RunException(e.Message);
        }
    }

    private static IEnumerable<string> ProjectKeys(IEnumerable<string> fullKeys) =>
        fullKeys.Where(k => k.StartsWith(SettingsSchema.Project + ":", StringComparison.Ordinal)).Select(k => k[(SettingsSchema.Project.Length + 1)..]);

    private static HashSet<string> FullKeys(string variable, bool array)
    {
        var text = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        using var document = JsonDocument.Parse(text);
        var keys = array
            ? document.RootElement.EnumerateArray().Select(e => e.GetString() ?? string.Empty)
            : document.RootElement.EnumerateObject().Select(p => p.Name);

        // Older engines write keys as "project:config:key".
        return keys.Select(k => k.Replace(":config:", ":", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
    }
}
