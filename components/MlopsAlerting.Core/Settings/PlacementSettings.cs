namespace MlopsAlerting.Core.Settings;

/// <summary>Where the Alertmanager pods run and what they carry (<c>alertmanager.placement</c>).</summary>
/// <param name="ZoneSpread">How the replicas spread over zones (<c>topology.kubernetes.io/zone</c>).</param>
/// <param name="NodeSelector">Node labels every pod requires.</param>
/// <param name="Tolerations">Taints the pods tolerate.</param>
/// <param name="RequiredNodeAffinity">Node label expressions every pod's node must meet (all of them).</param>
/// <param name="PreferredNodeAffinity">Node label expressions the scheduler prefers, each with its weight.</param>
/// <param name="PriorityClassName">The pods' PriorityClass; null for the cluster's default.</param>
/// <param name="PodLabels">Extra labels on the pods (never the stack's own).</param>
/// <param name="PodAnnotations">Extra annotations on the pods.</param>
/// <param name="ImagePullSecrets">Secrets in the stack's namespace with the credentials of a private registry mirror.</param>
public sealed record PlacementSettings(
    ZoneSpread ZoneSpread,
    IReadOnlyDictionary<string, string> NodeSelector,
    IReadOnlyList<TolerationSettings> Tolerations,
    IReadOnlyList<NodeAffinityRule> RequiredNodeAffinity,
    IReadOnlyList<NodeAffinityRule> PreferredNodeAffinity,
    string? PriorityClassName,
    IReadOnlyDictionary<string, string> PodLabels,
    IReadOnlyDictionary<string, string> PodAnnotations,
    IReadOnlyList<string> ImagePullSecrets)
{
    /// <summary>The zone label the spread counts by.</summary>
    public const string ZoneKey = "topology.kubernetes.io/zone";

    public static readonly PlacementSettings Default = new(
        ZoneSpread.Soft, new Dictionary<string, string>(), [], [], [], null, new Dictionary<string, string>(), new Dictionary<string, string>(), []);

    /// <summary>One line per setting that differs from the default, as the review prints them (also what a change compares).</summary>
    public IReadOnlyList<string> Describe(int replicas)
    {
        var lines = new List<string>
        {
            replicas > 1
                ? ZoneSpread switch
                {
                    ZoneSpread.Hard => $"zone spread **hard**: replicas at most one apart per `{ZoneKey}`; a replica whose zone has no room stays Pending",
                    ZoneSpread.Off => "zone spread off: only the preferred one-per-node anti-affinity",
                    _ => $"zone spread soft: the scheduler prefers replicas at most one apart per `{ZoneKey}`, and still schedules when a zone is full or down",
                }
                : "zone spread: none (one replica)",
        };
        if (NodeSelector.Count > 0)
        {
            lines.Add("node selector " + string.Join(", ", NodeSelector.Select(p => $"`{p.Key}={p.Value}`")));
        }

        foreach (var t in Tolerations)
        {
            lines.Add("tolerates " + t.Describe());
        }

        if (RequiredNodeAffinity.Count > 0)
        {
            lines.Add("nodes required: " + string.Join(" and ", RequiredNodeAffinity.Select(r => r.Describe())));
        }

        foreach (var r in PreferredNodeAffinity)
        {
            lines.Add($"nodes preferred (weight {r.Weight}): {r.Describe()}");
        }

        if (PriorityClassName is { } priority)
        {
            lines.Add($"priority class `{priority}`");
        }

        if (PodLabels.Count > 0)
        {
            lines.Add("pod labels " + string.Join(", ", PodLabels.Select(p => $"`{p.Key}={p.Value}`")));
        }

        if (PodAnnotations.Count > 0)
        {
            lines.Add("pod annotations " + string.Join(", ", PodAnnotations.Select(p => $"`{p.Key}={p.Value}`")));
        }

        if (ImagePullSecrets.Count > 0)
        {
            lines.Add("image pull secrets " + string.Join(", ", ImagePullSecrets.Select(s => $"`{s}`")));
        }

        return lines;
    }
}

/// <summary>How the replicas spread over zones.</summary>
public enum ZoneSpread
{
    /// <summary>A topology spread constraint with <c>whenUnsatisfiable: ScheduleAnyway</c>: preferred.</summary>
    Soft,

    /// <summary><c>whenUnsatisfiable: DoNotSchedule</c>: a replica that would unbalance the zones stays Pending.</summary>
    Hard,

    /// <summary>No constraint.</summary>
    Off,
}

/// <summary>One toleration of the pods.</summary>
/// <param name="Key">The taint key; null with <c>Exists</c> tolerates every taint.</param>
/// <param name="Operator"><c>Equal</c> or <c>Exists</c>.</param>
/// <param name="Value">The taint value (<c>Equal</c> only).</param>
/// <param name="Effect"><c>NoSchedule</c>, <c>PreferNoSchedule</c> or <c>NoExecute</c>; null for every effect.</param>
/// <param name="TolerationSeconds">How long a <c>NoExecute</c> taint is tolerated; null for ever.</param>
public sealed record TolerationSettings(string? Key, string Operator, string? Value, string? Effect, long? TolerationSeconds)
{
    public string Describe() =>
        (Key is null ? "every taint" : Operator == "Exists" ? $"`{Key}`" : $"`{Key}={Value}`")
        + (Effect is null ? string.Empty : $":{Effect}")
        + (TolerationSeconds is { } s ? $" for {s} s" : string.Empty);
}

/// <summary>One node label expression of a node affinity.</summary>
/// <param name="Key">The node label.</param>
/// <param name="Operator"><c>In</c>, <c>NotIn</c>, <c>Exists</c>, <c>DoesNotExist</c>, <c>Gt</c> or <c>Lt</c>.</param>
/// <param name="Values">The values (none for <c>Exists</c> and <c>DoesNotExist</c>, one whole number for <c>Gt</c> and <c>Lt</c>).</param>
/// <param name="Weight">1 to 100 for a preferred rule; null for a required one.</param>
public sealed record NodeAffinityRule(string Key, string Operator, IReadOnlyList<string> Values, int? Weight)
{
    public string Describe() => Values.Count == 0 ? $"`{Key}` {Operator}" : $"`{Key}` {Operator} [{string.Join(", ", Values)}]";
}
