namespace MlopsAlerting.Core.Config;

/// <summary>
/// Bounds on what a stack's configuration may hold, applied by both readers and the binder, so
/// that no input, hostile or mistaken, can exhaust memory, the stack or the process's time.
/// </summary>
public static class ReadLimits
{
    /// <summary>Bytes of a stack file. The real ones are about 2 KB; a ConfigMap holds 1 MiB in all.</summary>
    public const int MaxFileBytes = 256 * 1024;

    /// <summary>Nesting of maps and lists. The schema is 7 levels deep.</summary>
    public const int MaxDepth = 32;

    /// <summary>Values (scalars, maps and lists), counting each use of a YAML alias as a full copy.</summary>
    public const int MaxValues = 20_000;

    /// <summary>Characters of one value: long enough for any URL, name or mention.</summary>
    public const int MaxValueLength = 2_048;
}
