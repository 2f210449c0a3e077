using MlopsAlerting.Core.Config;

namespace MlopsAlerting.Core.Settings;

/// <summary>Binds <c>alertmanager.storage</c>: a storage quantity above zero, a StorageClass name, or an emptyDir without either.</summary>
internal static class StorageSettingsBinder
{
    private const string Prefix = "alertmanager.storage";

    public static StorageSettings? Bind(BindingContext ctx, MapNode? map)
    {
        var emptyDir = ctx.Boolean(map?["emptyDir"], $"{Prefix}.emptyDir");
        var size = ctx.String(map?["size"], $"{Prefix}.size");
        if (size is not null && SettingsRules.MemoryBytes(size) is not > 0)
        {
            ctx.Error($"{Prefix}.size", $"'{size}' is not a Kubernetes storage quantity above zero", $"write bytes with a binary unit, e.g. `size: {StorageSettings.DefaultSize}` (silences and the notification log take a few megabytes; many provisioners round up to 1Gi)", map?["size"]);
            size = null;
        }

        string? storageClass = null;
        var classOk = true;
        if (map?["storageClass"] is { } classNode)
        {
            storageClass = ctx.String(classNode, $"{Prefix}.storageClass");
            if (storageClass is null || storageClass.Length > 253 || !SettingsRules.DnsSubdomain().IsMatch(storageClass))
            {
                if (storageClass is not null)
                {
                    ctx.Error($"{Prefix}.storageClass", $"'{storageClass}' is not a StorageClass name", "name a class that `kubectl get storageclass` lists (lower-case letters, digits, '-' and '.'), or delete the line for the cluster's default class", classNode);
                }

                classOk = false;
            }
        }

        if (emptyDir == true && (map?["size"] is not null || map?["storageClass"] is not null))
        {
            ctx.Error($"{Prefix}.emptyDir", "is true, so no volume is claimed, but size or storageClass is set for one", "delete `size` and `storageClass`, or set `emptyDir: false` to keep silences and the notification log on a volume", map?["emptyDir"]);
            return null;
        }

        return emptyDir is null || size is null || !classOk ? null : new StorageSettings(emptyDir.Value, size, storageClass);
    }
}
