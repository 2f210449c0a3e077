using System.Globalization;
using MlopsAlerting.Core.Config;
using MlopsAlerting.Core.Workload;

namespace MlopsAlerting.Core.Settings;

/// <summary>
/// Binds <c>alertmanager.placement</c>: Kubernetes label and annotation syntax, toleration and node affinity operators
/// and effects, object names, and no pod label the stack sets itself (its selectors would stop matching the pods).
/// </summary>
internal static class PlacementSettingsBinder
{
    private const string Prefix = "alertmanager.placement";

    /// <summary>Labels the StatefulSet controller puts on each pod itself.</summary>
    private static readonly string[] ControllerLabels = ["controller-revision-hash", "statefulset.kubernetes.io/pod-name", "apps.kubernetes.io/pod-index"];

    private static readonly Dictionary<string, ZoneSpread> Spreads = new(StringComparer.Ordinal)
    {
        ["soft"] = ZoneSpread.Soft,
        ["hard"] = ZoneSpread.Hard,
        ["off"] = ZoneSpread.Off,
    };

    private static readonly string[] Effects = ["NoSchedule", "PreferNoSchedule", "NoExecute"];
    private static readonly string[] AffinityOperators = ["In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt"];

    public static PlacementSettings? Bind(BindingContext ctx, MapNode? map)
    {
        var ok = true;
        var spreadText = ctx.String(map?["zoneSpread"], $"{Prefix}.zoneSpread");
        var spread = ZoneSpread.Soft;
        if (spreadText is null || !Spreads.TryGetValue(spreadText, out spread))
        {
            if (spreadText is not null)
            {
                ctx.Error($"{Prefix}.zoneSpread", $"'{spreadText}' is not a zone spread", "write `zoneSpread: soft` (preferred, the default), `hard` (a replica that would unbalance the zones stays Pending) or `off`", map?["zoneSpread"]);
            }

            ok = false;
        }

        var nodeSelector = Labels(ctx, map?["nodeSelector"], $"{Prefix}.nodeSelector", "a node label as `kubectl get nodes --show-labels` prints it, e.g. `node-pool: monitoring`", ref ok);
        var tolerations = Tolerations(ctx, map?["tolerations"], ref ok);
        var affinity = ctx.Object(map?["nodeAffinity"], $"{Prefix}.nodeAffinity");
        var required = AffinityRules(ctx, affinity?["required"], $"{Prefix}.nodeAffinity.required", preferred: false, ref ok);
        var preferred = AffinityRules(ctx, affinity?["preferred"], $"{Prefix}.nodeAffinity.preferred", preferred: true, ref ok);

        string? priority = null;
        if (map?["priorityClassName"] is { } priorityNode)
        {
            priority = ctx.String(priorityNode, $"{Prefix}.priorityClassName");
            if (priority is null || priority.Length > 253 || !SettingsRules.DnsSubdomain().IsMatch(priority))
            {
                if (priority is not null)
                {
                    ctx.Error($"{Prefix}.priorityClassName", $"'{priority}' is not a PriorityClass name", "name a class that `kubectl get priorityclass` lists (lower-case letters, digits, '-' and '.'), or delete the line", priorityNode);
                }

                ok = false;
            }
        }

        var podLabels = Labels(ctx, map?["podLabels"], $"{Prefix}.podLabels", "a label key and value, e.g. `team: ml-platform`", ref ok);
        foreach (var key in podLabels?.Keys ?? [])
        {
            if (StandardLabels.Of("stack", WorkloadNames.App).ContainsKey(key) || ControllerLabels.Contains(key, StringComparer.Ordinal))
            {
                ctx.Error($"{Prefix}.podLabels.{key}", $"is a label the {(ControllerLabels.Contains(key, StringComparer.Ordinal) ? "StatefulSet controller" : "stack")} sets on the pods itself; overriding it would make the Services, the disruption budget, the NetworkPolicy and the StatefulSet select other pods or none", "delete it, or use another key (e.g. `team: ml-platform`)", map?["podLabels"]);
                ok = false;
            }
        }

        var podAnnotations = Annotations(ctx, map?["podAnnotations"], ref ok);
        var pullSecrets = ctx.StringList(map?["imagePullSecrets"], $"{Prefix}.imagePullSecrets");
        foreach (var name in pullSecrets ?? [])
        {
            if (name.Length > 253 || !SettingsRules.DnsSubdomain().IsMatch(name))
            {
                ctx.Error($"{Prefix}.imagePullSecrets", $"'{name}' is not a Secret name", "name a `kubernetes.io/dockerconfigjson` Secret in the stack's namespace (lower-case letters, digits, '-' and '.'), e.g. `imagePullSecrets: [registry-mirror]`", map?["imagePullSecrets"]);
                ok = false;
            }
        }

        return !ok || nodeSelector is null || tolerations is null || required is null || preferred is null || podLabels is null || podAnnotations is null || pullSecrets is null
            ? null
            : new PlacementSettings(spread, nodeSelector, tolerations, required, preferred, priority, podLabels, podAnnotations, pullSecrets);
    }

    private static IReadOnlyDictionary<string, string>? Labels(BindingContext ctx, ConfigNode? node, string path, string example, ref bool ok)
    {
        var labels = ctx.StringMap(node, path);
        foreach (var (key, value) in labels ?? new Dictionary<string, string>())
        {
            if (!LabelKey(key) || value.Length > 63 || !SettingsRules.KubernetesLabelValue().IsMatch(value))
            {
                ctx.Error($"{path}.{key}", $"'{key}: {value}' is not a Kubernetes label", $"write {example}: a key of at most 63 characters (letters, digits, '-', '_', '.') with an optional DNS prefix and '/', and a value of at most 63 such characters", node);
                ok = false;
            }
        }

        return labels;
    }

    private static IReadOnlyDictionary<string, string>? Annotations(BindingContext ctx, ConfigNode? node, ref bool ok)
    {
        var path = $"{Prefix}.podAnnotations";
        var annotations = ctx.StringMap(node, path);
        foreach (var key in annotations?.Keys ?? [])
        {
            if (!LabelKey(key))
            {
                ctx.Error($"{path}.{key}", $"'{key}' is not a Kubernetes annotation key", "write a key of at most 63 characters (letters, digits, '-', '_', '.') with an optional DNS prefix and '/', e.g. `cluster-autoscaler.kubernetes.io/safe-to-evict: \"true\"`", node);
                ok = false;
            }
        }

        return annotations;
    }

    /// <summary>
    /// The maps of a list setting with their paths: none when it is unset, null (and an error) when it is no list; an item
    /// that is no map is reported and left out, and <paramref name="ok"/> turns false for either.
    /// </summary>
    private static List<(MapNode Item, string Path)>? Items(BindingContext ctx, ConfigNode? node, string path, string shape, string fix, ref bool ok)
    {
        if (node is null or ScalarNode { Value: "" or "~" or "null", Quoted: false })
        {
            return [];
        }

        if (node is not ListNode list)
        {
            ctx.Error(path, $"must be a list of {shape}, not {node.Shape}", fix, node);
            ok = false;
            return null;
        }

        var items = new List<(MapNode Item, string Path)>();
        for (var i = 0; i < list.Items.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            if (ctx.Object(list.Items[i], itemPath) is { } item)
            {
                items.Add((item, itemPath));
            }
            else
            {
                ok = false;
            }
        }

        return items;
    }

    private static bool LabelKey(string key)
    {
        var slash = key.LastIndexOf('/');
        var name = slash < 0 ? key : key[(slash + 1)..];
        return SettingsRules.KubernetesLabelKey().IsMatch(key) && name.Length <= 63 && (slash < 0 || slash <= 253);
    }

    private static List<TolerationSettings>? Tolerations(BindingContext ctx, ConfigNode? node, ref bool ok)
    {
        var items = Items(ctx, node, $"{Prefix}.tolerations", "{key, operator, value, effect, tolerationSeconds}", "write `- key: dedicated` items", ref ok);
        if (items is null)
        {
            return null;
        }

        var result = new List<TolerationSettings>();
        foreach (var (item, itemPath) in items)
        {
            var key = item["key"] is { } keyNode ? ctx.String(keyNode, $"{itemPath}.key") : null;
            var op = ctx.String(item["operator"], $"{itemPath}.operator");
            var value = item["value"] is { } valueNode ? ctx.String(valueNode, $"{itemPath}.value") : null;
            var effect = item["effect"] is { } effectNode ? ctx.String(effectNode, $"{itemPath}.effect") : null;
            var seconds = item["tolerationSeconds"] is { } secondsNode ? ctx.Integer(secondsNode, $"{itemPath}.tolerationSeconds") : null;
            var itemOk = true;
            void Fail(string key, string problem, string fix, ConfigNode? at)
            {
                ctx.Error($"{itemPath}.{key}", problem, fix, at ?? item);
                itemOk = false;
            }

            if (key is not null && !LabelKey(key))
            {
                Fail("key", $"'{key}' is not a taint key", "write the taint's key as `kubectl describe node` prints it, e.g. `key: dedicated`", item["key"]);
            }

            if (op is not ("Equal" or "Exists"))
            {
                Fail("operator", $"'{op}' is not a toleration operator", "write `operator: Equal` (the default: key and value must match) or `operator: Exists` (any value)", item["operator"]);
            }
            else if (op == "Equal" && key is null)
            {
                Fail("key", "is not set, but operator Equal needs the taint's key", "set `key:`, or write `operator: Exists` without a key to tolerate every taint", item);
            }
            else if (op == "Exists" && value is not null)
            {
                Fail("value", $"is '{value}', but operator Exists matches any value", "delete `value`, or write `operator: Equal`", item["value"]);
            }

            if (value is not null && (value.Length > 63 || !SettingsRules.KubernetesLabelValue().IsMatch(value)))
            {
                Fail("value", $"'{value}' is not a taint value", "write the taint's value, at most 63 letters, digits, '-', '_' or '.'", item["value"]);
            }

            if (effect is not null && !Effects.Contains(effect, StringComparer.Ordinal))
            {
                Fail("effect", $"'{effect}' is not a taint effect", "write `effect: NoSchedule`, `PreferNoSchedule` or `NoExecute`, or delete the line to tolerate every effect", item["effect"]);
            }

            if (seconds is not null && (effect != "NoExecute" || seconds < 0))
            {
                Fail("tolerationSeconds", seconds < 0 ? $"is {seconds}, below zero" : "is set, but only a NoExecute taint evicts after a while", "set it with `effect: NoExecute` and zero or more seconds, or delete the line", item["tolerationSeconds"]);
            }

            if (itemOk && op is not null)
            {
                result.Add(new TolerationSettings(key, op, value, effect, seconds));
            }
            else
            {
                ok = false;
            }
        }

        return result;
    }

    private static List<NodeAffinityRule>? AffinityRules(BindingContext ctx, ConfigNode? node, string path, bool preferred, ref bool ok)
    {
        var items = Items(ctx, node, path, $"{{{(preferred ? "weight, " : string.Empty)}key, operator, values}}", "write `- key: node-pool` items", ref ok);
        if (items is null)
        {
            return null;
        }

        var result = new List<NodeAffinityRule>();
        foreach (var (item, itemPath) in items)
        {
            var key = ctx.String(item["key"], $"{itemPath}.key");
            var op = ctx.String(item["operator"], $"{itemPath}.operator");
            var values = ctx.StringList(item["values"], $"{itemPath}.values");
            int? weight = preferred ? ctx.Integer(item["weight"], $"{itemPath}.weight") : null;
            var itemOk = key is not null && op is not null && values is not null && (!preferred || weight is not null);
            if (key is null || !LabelKey(key))
            {
                ctx.Error($"{itemPath}.key", key is null ? "is not set" : $"'{key}' is not a node label key", "name a node label, e.g. `key: node-pool`", item["key"] ?? item);
                itemOk = false;
            }

            if (op is not null && !AffinityOperators.Contains(op, StringComparer.Ordinal))
            {
                ctx.Error($"{itemPath}.operator", $"'{op}' is not a node selector operator", "write In, NotIn, Exists, DoesNotExist, Gt or Lt", item["operator"]);
                itemOk = false;
            }
            else if (op is "Exists" or "DoesNotExist" && values is { Count: > 0 })
            {
                ctx.Error($"{itemPath}.values", $"lists values, but {op} takes none", "delete `values`", item["values"]);
                itemOk = false;
            }
            else if (op is "In" or "NotIn" && values is { Count: 0 })
            {
                ctx.Error($"{itemPath}.values", $"is empty, but {op} needs at least one value", "list the label values, e.g. `values: [monitoring]`", item["values"] ?? item);
                itemOk = false;
            }
            else if (op is "Gt" or "Lt" && values is not null && (values.Count != 1 || !long.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            {
                ctx.Error($"{itemPath}.values", $"must be one whole number for {op}", "write e.g. `values: [\"8\"]`", item["values"] ?? item);
                itemOk = false;
            }

            foreach (var value in values ?? [])
            {
                if (value.Length > 63 || !SettingsRules.KubernetesLabelValue().IsMatch(value))
                {
                    ctx.Error($"{itemPath}.values", $"'{value}' is not a label value", "write values of at most 63 letters, digits, '-', '_' or '.'", item["values"]);
                    itemOk = false;
                }
            }

            if (preferred && item["weight"] is null)
            {
                ctx.Error($"{itemPath}.weight", "is not set", "give the preference a weight from 1 to 100, e.g. `weight: 50`", item);
            }
            else if (weight is not null and (< 1 or > 100))
            {
                ctx.Error($"{itemPath}.weight", $"is {weight}, outside 1 to 100", "write a weight from 1 to 100, e.g. `weight: 50`", item["weight"]);
                itemOk = false;
            }

            if (itemOk)
            {
                result.Add(new NodeAffinityRule(key!, op!, values!, weight));
            }
            else
            {
                ok = false;
            }
        }

        return result;
    }
}
