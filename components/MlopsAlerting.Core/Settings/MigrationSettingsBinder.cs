using MlopsAlerting.Core.Config;

namespace MlopsAlerting.Core.Settings;

internal static class MigrationSettingsBinder
{
    public static MigrationSettings Bind(BindingContext ctx, MapNode? map) =>
        new(ctx.Boolean(map?["patchForce"], "migration.patchForce") ?? false);
}
