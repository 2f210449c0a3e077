namespace MlopsAlerting.Core.Workload;

/// <summary>The <c>app.kubernetes.io/*</c> labels every object carries, and the subset that selects the pods.</summary>
public static class StandardLabels
{
    public const string NameKey = "app.kubernetes.io/name";
    public const string InstanceKey = "app.kubernetes.io/instance";
    public const string ComponentKey = "app.kubernetes.io/component";
    public const string PartOfKey = "app.kubernetes.io/part-of";
    public const string ManagedByKey = "app.kubernetes.io/managed-by";

    /// <summary>Labels of every object of a stack: part-of and managed-by, plus the instance (the stack).</summary>
    public static IReadOnlyDictionary<string, string> Common(string stack) => new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        [PartOfKey] = WorkloadNames.PartOf,
        [ManagedByKey] = WorkloadNames.ManagedBy,
        [InstanceKey] = stack,
    };

    /// <summary>Labels of an object of one component, e.g. <c>alertmanager</c> or <c>alert-rules</c>.</summary>
    public static IReadOnlyDictionary<string, string> Of(string stack, string component) =>
        new SortedDictionary<string, string>(Common(stack).ToDictionary(), StringComparer.Ordinal)
        {
            [NameKey] = WorkloadNames.App,
            [ComponentKey] = component,
        };

    /// <summary>
    /// The labels that select the Alertmanager pods: stable for the life of the Deployment (a
    /// Deployment's selector is immutable), so they carry no version.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Selector(string stack) => new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        [NameKey] = WorkloadNames.App,
        [InstanceKey] = stack,
    };
}
