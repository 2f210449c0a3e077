namespace MlopsAlerting.Core.Config;

/// <summary>Where a value sits in a stack file (1-based), when it was read from one.</summary>
public sealed record SourceMark(int Line, int Column)
{
    public override string ToString() => $"{Line}:{Column}";
}
