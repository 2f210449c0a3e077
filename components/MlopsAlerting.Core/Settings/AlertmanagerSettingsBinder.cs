using MlopsAlerting.Core.Config;
using MlopsAlerting.Core.Workload;

namespace MlopsAlerting.Core.Settings;

/// <summary>Binds <c>alertmanager</c>: a pinned image of 0.25 or newer whose release its tag or <c>imageVersion</c> names, at least one replica, the URL people open and Kubernetes quantities whose limits are not below their requests.</summary>
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

        var pinned = true;
        if (image is not null && SettingsRules.ImageProblem(image) is { } imageProblem)
        {
            ctx.Error("alertmanager.image", $"'{image}' {imageProblem}", $"pin a release tag or digest, e.g. `image: {SettingsSchema.DefaultImage}`", map?["image"]);
            pinned = false;
        }

        // An unpinned image has no release to read; its error above is the one to fix first.
        var capabilities = image is not null && pinned ? ImageCapabilities(ctx, image, map) : null;

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

        var storage = StorageSettingsBinder.Bind(ctx, ctx.Object(map?["storage"], "alertmanager.storage"));
        var placement = PlacementSettingsBinder.Bind(ctx, ctx.Object(map?["placement"], "alertmanager.placement"));

        return image is null || capabilities is null || replicas is null || externalUrl is null || cpuRequest is null || memoryRequest is null || memoryLimit is null || storage is null || placement is null
            ? null
            : new AlertmanagerSettings(image, capabilities, replicas.Value, externalUrl, new ResourceSettings(cpuRequest, memoryRequest, cpuLimit, memoryLimit)) { Storage = storage, Placement = placement };
    }

    /// <summary>
    /// What the image can do (<see cref="AlertmanagerCapabilities"/>): the release its tag names, or the one
    /// <c>imageVersion</c> declares for an image whose tag names none. Null, with an error, when neither names a
    /// release, when the two disagree, or when the release is older than the configuration needs.
    /// </summary>
    private static AlertmanagerCapabilities? ImageCapabilities(BindingContext ctx, string image, MapNode? map)
    {
        const string VersionKey = "alertmanager.imageVersion";
        var versionNode = map?["imageVersion"];
        var declaredText = versionNode is null ? null : ctx.String(versionNode, VersionKey);
        if (versionNode is not null && declaredText is null)
        {
            return null;
        }

        var declared = declaredText is null ? null : AlertmanagerCapabilities.ParseDeclared(declaredText);
        if (declaredText is not null && declared is null)
        {
            return ctx.Invalid<AlertmanagerCapabilities>(VersionKey, $"'{declaredText}' is not an Alertmanager release version (major.minor.patch)",
                $"write the release the image was built from, quoted, e.g. `imageVersion: \"{AlertmanagerCapabilities.ExampleVersion}\"`", versionNode);
        }

        var tag = AlertmanagerCapabilities.TagVersion(image);
        if (tag is null && declared is null)
        {
            var what = AlertmanagerCapabilities.TagOf(image) is { } tagText ? $"has the tag '{tagText}', which names no Alertmanager release" : "is pinned by digest alone, which names no Alertmanager release";
            return ctx.Invalid<AlertmanagerCapabilities>(VersionKey, $"is not set, and '{image}' {what}, so the flags it takes, the heartbeat and Slack app mode cannot be decided",
                $"declare the release the image was built from: `pulumi config set --path {VersionKey} {AlertmanagerCapabilities.ExampleVersion} --stack {ctx.Stack}` (or `imageVersion: \"{AlertmanagerCapabilities.ExampleVersion}\"` under `alertmanager:`), or pin a tag that names it, e.g. `image: quay.io/prometheus/alertmanager:v{AlertmanagerCapabilities.ExampleVersion}@sha256:<64 hex digits>`",
                map?["image"]);
        }

        if (tag is not null && declared is not null && !AlertmanagerCapabilities.Agree(tag, declared))
        {
            return ctx.Invalid<AlertmanagerCapabilities>(VersionKey, $"is {declaredText}, but the image's tag names {tag} ('{image}'), so which flags and features to use is ambiguous",
                $"make them agree: set `imageVersion: \"{tag}{(tag.Build < 0 ? ".0" : string.Empty)}\"` if the tag is right, or remove `imageVersion` (the tag names the release), or pin the image of release {declared}", versionNode);
        }

        var capabilities = AlertmanagerCapabilities.From(image, declaredText)!;
        if (!capabilities.Supported)
        {
            var key = capabilities.Declared ? VersionKey : "alertmanager.image";
            var from = capabilities.Declared ? $"'{image}' is declared as Alertmanager {capabilities.VersionText}" : $"'{image}' is Alertmanager {capabilities.VersionText}";
            return ctx.Invalid<AlertmanagerCapabilities>(key, $"{from}, older than {AlertmanagerCapabilities.OldestSupported}, which the rendered configuration needs (matchers, api_url_file)",
                $"use {AlertmanagerCapabilities.OldestSupported} or newer, e.g. `image: {SettingsSchema.DefaultImage}`", capabilities.Declared ? versionNode : map?["image"]);
        }

        return capabilities;
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
