namespace MlopsAlerting.Core.Config;

/// <summary>
/// Keys of a stack's configuration are <c>namespace:key</c>. Keys of other namespaces belong to
/// providers (<c>kubernetes:context</c>) and are left alone, unless the namespace is a near miss of
/// the project's, such as <c>mlops-alerts:namespace</c>: Pulumi would silently ignore that key.
/// </summary>
public static class ProjectNamespace
{
    /// <summary>The mistake of a key in another namespace, or null when that namespace is plausibly a provider's.</summary>
    public static SettingsError? NearMiss(string fullKey, string file, SourceMark? mark)
    {
        ArgumentNullException.ThrowIfNull(fullKey);
        var colon = fullKey.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return null;
        }

        var ns = fullKey[..colon];
        if (ns == SettingsSchema.Project || KeySuggestion.Closest(ns, [SettingsSchema.Project]) is null)
        {
            return null;
        }

        var meant = $"{SettingsSchema.Project}:{fullKey[(colon + 1)..]}";
        return new SettingsError(file, fullKey, $"is in the namespace '{ns}', not this project's '{SettingsSchema.Project}', so Pulumi would ignore it",
            $"did you mean `{meant}`? Rename the key", mark);
    }
}
