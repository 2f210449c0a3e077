using MlopsAlerting.Core.Config;

namespace MlopsAlerting.Core.Settings;

/// <summary>Binds <c>alertmanager</c>: a pinned image of 0.25 or newer, at least one replica, the URL people open and Kubernetes quantities whose limits are not below their requests.</summary>
internal static class AlertmanagerSettingsBinder
{
    public static AlertmanagerSettings? Bind(BindingContext ctx, MapNode? map)
    {
        var image = ctx.String(map?["image"], "alertmanager.image");
        if (image is not null && SettingsRules.ImageGrammarProblem(image) is { } grammarProblem)
        {
            ctx.Error("alertmanager.image", $"'{image}' {grammarProblem}", $"write a pinned reference, e.g. `image: {SettingsSchema.DefaultImage}` or `image: quay.io/prometheus/alertmanager@sha256:<64 hex digits>`", map?["image"]);
            image = null;
        }

        if (image is not null && SettingsRules.ImageProblem(image) is { } imageProblem)
        {
            ctx.Error("alertmanager.image", $"'{image}' {imageProblem}", $"pin a release tag or digest, e.g. `image: {SettingsSchema.DefaultImage}`", map?["image"]);
        }

        if (image is not null && SettingsRules.ImageTooOld(image) is { } oldVersion)
        {
            ctx.Error("alertmanager.image", $"'{image}' is Alertmanager {oldVersion}, older than 0.25, which the rendered configuration needs (matchers, api_url_file)", $"use 0.25 or newer, e.g. `image: {SettingsSchema.DefaultImage}`", map?["image"]);
        }

        var replicas = ctx.Integer(map?["replicas"], "alertmanager.replicas");
        if (replicas is < 1)
        {
            ctx.Error("alertmanager.replicas", $"is {replicas}, but at least one Alertmanager must run", "set `replicas: 1` (dev) or `replicas: 3` (highly available)", map?["replicas"]);
        }

        var externalUrl = UrlSettingBinder.Bind(ctx, map?["externalUrl"], "alertmanager.externalUrl", required: true);

        var resourcesNode = ctx.Object(map?["resources"], "alertmanager.resources");
        var cpuRequest = Quantity(ctx, resourcesNode, "cpuRequest", cpu: true);
        var memoryRequest = Quantity(ctx, resourcesNode, "memoryRequest", cpu: false);
        var cpuLimit = Quantity(ctx, resourcesNode, "cpuLimit", cpu: true);
        var memoryLimit = Quantity(ctx, resourcesNode, "memoryLimit", cpu: false);
        if (cpuRequest is not null && cpuLimit is not null && SettingsRules.CpuCores(cpuLimit) < SettingsRules.CpuCores(cpuRequest))
        {
            ctx.Error("alertmanager.resources.cpuLimit", $"{cpuLimit} is below the request {cpuRequest}", "raise cpuLimit to at least cpuRequest (Kubernetes rejects a limit below the request)", resourcesNode?["cpuLimit"]);
        }

        if (memoryRequest is not null && memoryLimit is not null && SettingsRules.MemoryBytes(memoryLimit) < SettingsRules.MemoryBytes(memoryRequest))
        {
            ctx.Error("alertmanager.resources.memoryLimit", $"{memoryLimit} is below the request {memoryRequest}", "raise memoryLimit to at least memoryRequest", resourcesNode?["memoryLimit"]);
        }

        return image is null || replicas is null || externalUrl is null || cpuRequest is null || memoryRequest is null || memoryLimit is null
            ? null
            : new AlertmanagerSettings(image, replicas.Value, externalUrl, new ResourceSettings(cpuRequest, memoryRequest, cpuLimit, memoryLimit));
    }

    private static string? Quantity(BindingContext ctx, MapNode? map, string key, bool cpu)
    {
        var path = $"alertmanager.resources.{key}";
        var text = ctx.String(map?[key], path);
        if (text is null || (cpu ? SettingsRules.CpuQuantity().IsMatch(text) : SettingsRules.MemoryQuantity().IsMatch(text)))
        {
            return text;
        }

        return ctx.Invalid<string>(path, $"'{text}' is not a Kubernetes {(cpu ? "CPU" : "memory")} quantity",
            cpu ? "write cores or millicores, e.g. 100m or 0.5" : "write bytes with a unit, e.g. 128Mi or 1Gi", map?[key]);
    }
}
