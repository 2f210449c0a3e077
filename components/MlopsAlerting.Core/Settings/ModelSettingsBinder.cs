using MlopsAlerting.Core.Config;

namespace MlopsAlerting.Core.Settings;

/// <summary>Binds <c>models</c>: each name once, and a warning threshold below the critical one that waits at least as long.</summary>
internal static class ModelSettingsBinder
{
    public static IReadOnlyList<ModelSettings>? Bind(BindingContext ctx, ConfigNode? node)
    {
        if (node is null or ScalarNode { Value: "" or "~" or "null", Quoted: false })
        {
            return [];
        }

        if (node is not ListNode list)
        {
            return ctx.Invalid<IReadOnlyList<ModelSettings>>("models", $"must be a list of models, not {node.Shape}", "write `- name: california-housing` items", node);
        }

        var models = new List<ModelSettings>();
        var names = new HashSet<string>(StringComparer.Ordinal); // thousands of models: a set, not a scan per model
        var ok = true;
        for (var i = 0; i < list.Items.Count; i++)
        {
            var path = $"models[{i}]";
            var item = ctx.Object(list.Items[i], path);
            if (item is null)
            {
                ok = false;
                continue;
            }

            var name = ctx.String(item["name"], $"{path}.name");
            if (name is null || name.Length > 63 || !SettingsRules.ModelName().IsMatch(name))
            {
                ctx.Error($"{path}.name", name is null ? "is not set" : $"'{name}' is not a usable model name", "use lower-case letters, digits, '.', '_' and '-', e.g. california-housing", item["name"] ?? item);
                ok = false;
            }

            var version = ctx.String(item["version"], $"{path}.version");
            var maeCritical = ctx.Number(item["maeCritical"], $"{path}.maeCritical");
            var criticalFor = ctx.Duration(item["criticalFor"], $"{path}.criticalFor");
            var maeWarning = ctx.Number(item["maeWarning"], $"{path}.maeWarning");
            var warningFor = ctx.Duration(item["warningFor"], $"{path}.warningFor");
            if (maeCritical is <= 0)
            {
                ctx.Error($"{path}.maeCritical", $"{maeCritical} is not above zero", "set the MAE above which the model needs immediate action, e.g. 0.40", item["maeCritical"]);
                ok = false;
            }

            if (maeWarning is not null && maeCritical is not null && (maeWarning <= 0 || maeWarning >= maeCritical))
            {
                ctx.Error($"{path}.maeWarning", $"{maeWarning} must be above zero and below maeCritical {maeCritical}", "set a lower threshold than maeCritical, e.g. 0.30", item["maeWarning"]);
                ok = false;
            }

            if (criticalFor is not null && warningFor is not null && warningFor.CompareTo(criticalFor) < 0)
            {
                ctx.Error($"{path}.warningFor", $"{warningFor} is shorter than criticalFor {criticalFor}", "give the warning a longer (or equal) wait than the critical, e.g. 15m", item["warningFor"]);
                ok = false;
            }

            if (name is not null && !names.Add(name))
            {
                ctx.Error($"{path}.name", $"'{name}' is listed twice", "list each model once", item["name"]);
                ok = false;
            }

            if (ok && name is not null && maeCritical is not null && criticalFor is not null && maeWarning is not null && warningFor is not null)
            {
                models.Add(new ModelSettings(name, version, maeCritical.Value, criticalFor, maeWarning.Value, warningFor));
            }
        }

        return ok ? models : null;
    }
}
