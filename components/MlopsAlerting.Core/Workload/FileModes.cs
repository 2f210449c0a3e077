namespace MlopsAlerting.Core.Workload;

/// <summary>
/// File modes of the mounted configuration and secrets, as the Kubernetes API takes them: a decimal
/// number whose octal digits are the mode. C# has no octal literals, so <c>0440</c> in C# is
/// decimal 440, octal 0670 (group-writable and executable); the constants below are computed from
/// octal text instead.
/// </summary>
public static class FileModes
{
    /// <summary>Octal 0440 (decimal 288): read-only for the owner and the group (the pod's fsGroup), nothing for others.</summary>
    public static readonly int ReadOnlyOwnerAndGroup = Convert.ToInt32("440", 8);
}
