using MlopsAlerting.Core.Workload;

namespace MlopsAlerting.Core.Review;

/// <summary>
/// The "Kubernetes objects" part of <see cref="StackChanges"/>: the objects <c>pulumi up</c> adds, removes, replaces or
/// updates, and whether the Alertmanager pods roll.
/// </summary>
internal static class ObjectChanges
{
    /// <summary>One bullet per object that changes; empty when none does.</summary>
    public static List<string> Lines(StackRevision before, StackRevision after)
    {
        var lines = new List<string>();
        var old = PlannedResources.For(before.Settings).ToDictionary(p => (p.Kind, p.Name));
        var now = PlannedResources.For(after.Settings).ToDictionary(p => (p.Kind, p.Name));
        foreach (var added in now.Values.Where(p => !old.ContainsKey((p.Kind, p.Name))))
        {
            lines.Add($"- {added.Kind} `{added.Name}` added: {added.Purpose}.");
        }

        foreach (var removed in old.Values.Where(p => !now.ContainsKey((p.Kind, p.Name))))
        {
            lines.Add($"- {removed.Kind} `{removed.Name}` **removed**.");
        }

        var configReplaced = before.Rendered.Checksum != after.Rendered.Checksum;
        var ns = after.Settings.Namespace;
        if (configReplaced)
        {
            lines.Add($"- ConfigMap `{ns}/{WorkloadNames.ConfigMapPrefix}<suffix>` replaced (configuration checksum `{before.Rendered.Checksum[..12]}` → `{after.Rendered.Checksum[..12]}`): a new immutable ConfigMap, the old one deleted after the rollout.");
        }

        if (before.Rules.Yaml != after.Rules.Yaml && old.Keys.Any(k => k.Name == $"{before.Settings.Namespace}/{WorkloadNames.Rules}") && now.Keys.Any(k => k.Name == $"{ns}/{WorkloadNames.Rules}"))
        {
            lines.Add($"- {now.Values.First(p => p.Name == $"{ns}/{WorkloadNames.Rules}").Kind} `{ns}/{WorkloadNames.Rules}` updated in place; Prometheus picks up the new rules on its next reload, no pod rolls.");
        }

        var (wb, wa) = (AlertmanagerWorkload.From(before.Settings), AlertmanagerWorkload.From(after.Settings));
        var template = new List<string>();
        if (configReplaced)
        {
            template.Add("its ConfigMap");
        }

        if (wb.Image != wa.Image)
        {
            template.Add($"image {wb.Image} → {wa.Image}");
        }

        if (wb.Resources != wa.Resources)
        {
            template.Add("resources");
        }

        if (!wb.Args.SequenceEqual(wa.Args) || !wb.Environment.SequenceEqual(wa.Environment) || !wb.Mounts.SequenceEqual(wa.Mounts))
        {
            template.Add("arguments or mounts");
        }

        if (wb.Storage != wa.Storage)
        {
            lines.Add(wb.Storage.EmptyDir == wa.Storage.EmptyDir && !wa.Storage.EmptyDir
                ? $"- StatefulSet `{ns}/{WorkloadNames.StatefulSet}` **replaced** (storage {wb.Storage.Size}{(wb.Storage.StorageClass is { } b ? $", class `{b}`" : string.Empty)} → {wa.Storage.Size}{(wa.Storage.StorageClass is { } c ? $", class `{c}`" : string.Empty)}: a claim template cannot change in place). The existing claims stay and the new pods mount them at their old size and class; resize a claim with `kubectl edit pvc` where its class allows expansion, or delete it (losing that replica's silences and notification log) to get a new one."
                : $"- StatefulSet `{ns}/{WorkloadNames.StatefulSet}` **replaced** (storage: {(wa.Storage.EmptyDir ? "emptyDir, so silences and the notification log live only as long as each pod" : "volume claims now")}): every pod goes and comes back at once, so what an emptyDir held is lost; export the silences first (docs/storage-and-placement.md).");
        }

        if (!wb.Placement.Describe(wb.Replicas).SequenceEqual(wa.Placement.Describe(wa.Replicas)))
        {
            template.Add("placement");
        }

        if (template.Count > 0)
        {
            lines.Add($"- StatefulSet `{ns}/{WorkloadNames.StatefulSet}` updated: **the pods roll** ({string.Join(", ", template)} changed), one at a time as the deploy notes describe.");
        }
        else if (wb.Replicas != wa.Replicas)
        {
            lines.Add($"- StatefulSet `{ns}/{WorkloadNames.StatefulSet}` scaled {wb.Replicas} → {wa.Replicas} replica(s); the running pods do not roll.");
        }
        else if (lines.Count > 0)
        {
            lines.Add($"- StatefulSet `{ns}/{WorkloadNames.StatefulSet}`: the pods do not roll.");
        }

        return lines;
    }
}
