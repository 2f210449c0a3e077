namespace MlopsAlerting.Core.Config;

/// <summary>
/// Bounds on what a stack's configuration may hold, applied by both readers and the binder, so
/// that no input, hostile or mistaken, can exhaust memory, the stack or the process's time.
/// </summary>
public static class ReadLimits
{
    /// <summary>
    /// Bytes of a stack file. The real ones are about 2 KB; a stack watching 10,000 models with every threshold written
    /// out is about 1.3 MB, so 4 MiB leaves room for that and stops a runaway file.
    /// </summary>
    public const int MaxFileBytes = 4 * 1024 * 1024;

    /// <summary>Nesting of maps and lists. The schema is 7 levels deep.</summary>
    public const int MaxDepth = 32;

    /// <summary>Values (scalars, maps and lists), counting each use of a YAML alias as a full copy: 7 per fully written model, so room for 20,000+ models.</summary>
    public const int MaxValues = 200_000;

    /// <summary>Characters of one value: long enough for any URL, name or mention.</summary>
    public const int MaxValueLength = 2_048;
}
