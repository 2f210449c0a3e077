namespace MlopsAlerting.Core.Config;

/// <summary>The shape of a setting's value.</summary>
public enum SettingKind
{
    String,
    Integer,
    Boolean,
    Number,
    Duration,
    StringList,
    StringMap,
    Object,
    ObjectList,
    Secret,
}

/// <summary>
/// One documented setting: its key, shape, default and meaning. <see cref="SettingsSchema"/> is the
/// tree of them; <c>Pulumi.yaml</c> declares its top level, the reader rejects keys it lacks, and the
/// review prints it.
/// </summary>
/// <param name="Name">Key within its parent.</param>
/// <param name="Kind">Shape of the value.</param>
/// <param name="Description">What it does, one sentence.</param>
/// <param name="Default">Value when not set, as it would be written in YAML; null when there is none.</param>
/// <param name="Children">Keys of an object, or of each item of an object list.</param>
public sealed record SettingSpec(string Name, SettingKind Kind, string Description, object? Default = null, IReadOnlyList<SettingSpec>? Children = null)
{
    public SettingSpec? Child(string name) => Children?.FirstOrDefault(c => c.Name == name);
}
