namespace MlopsAlerting.Core.Settings;

/// <summary>
/// Where each replica keeps its silences and notification log (<c>--storage.path</c>): a PersistentVolumeClaim per
/// replica (the StatefulSet's volume claim template), or an emptyDir that a pod's restart empties.
/// </summary>
/// <param name="EmptyDir">No volume: every restart of a pod (each rollout, a node drain) starts it with no silences and no notification log; with one replica they are gone, with several a replica gets them back from its peers unless every pod went at once.</param>
/// <param name="Size">The claim's storage request, a Kubernetes quantity (unused with <paramref name="EmptyDir"/>).</param>
/// <param name="StorageClass">The claim's StorageClass; null for the cluster's default class.</param>
public sealed record StorageSettings(bool EmptyDir, string Size, string? StorageClass)
{
    public const string DefaultSize = "1Gi";

    public static readonly StorageSettings Default = new(false, DefaultSize, null);

    /// <summary>What the review prints.</summary>
    public string Describe(int replicas) => EmptyDir
        ? "emptyDir: silences and the notification log live only as long as each pod; " + (replicas > 1
            ? "a restarted replica gets them back from its peers, but losing every pod at once (a node-pool upgrade that outpaces the start delay, a zone outage) loses every silence, and every firing group is notified again"
            : "every `pulumi up` that changes the configuration, and every restart, loses every silence, and every firing group is notified again")
        : $"a {Size} PersistentVolumeClaim per replica ({(StorageClass is null ? "the cluster's default StorageClass" : $"StorageClass `{StorageClass}`")}), kept across restarts, rollouts and the StatefulSet's replacement; a replica writes its silences and notification log to it every minute and when it stops";
}
