using System.Text.Json;
using System.Text.Json.Serialization;
using MlopsAlerting.Core.Settings;

namespace MlopsAlerting.Core.Migration;

/// <summary>
/// The <c>pulumi import --file</c> file for a team that followed the hand-run guide: it adopts the
/// guide's namespace and Service <c>alertmanager</c> under the very names and parents the program
/// declares (so the first <c>pulumi up</c> updates them instead of failing with AlreadyExists), and
/// adopts the guide's Deployment <c>alertmanager</c> (the program runs a StatefulSet), ConfigMap
/// <c>alertmanager-config</c> and Secret <c>alertmanager-slack</c> under names the program does not declare, so that the same
/// <c>pulumi up</c> deletes them, after everything else is in place.
/// </summary>
public static class GuideImport
{
    /// <summary>Type of the one component the program declares, and its name (equal to the Pulumi layer's; a Pulumi test checks them).</summary>
    public const string ModelAlertingType = "mlops-alerting:index:ModelAlerting";
    public const string ModelAlertingName = "mlops-alerting";

    /// <summary>Component type of the namespace (equal to the Pulumi layer's; a Pulumi test checks it).</summary>
    public const string MonitoringNamespaceType = "mlops-alerting:kubernetes:MonitoringNamespace";

    /// <summary>Component type of the workload (equal to the Pulumi layer's; a Pulumi test checks it).</summary>
    public const string AlertmanagerType = "mlops-alerting:kubernetes:Alertmanager";

    /// <summary>The pulumi-kubernetes plugin the program uses (Directory.Packages.props; a test checks it).</summary>
    public const string KubernetesPluginVersion = "4.32.0";

    /// <summary>The guide's object names.</summary>
    public const string GuideDeployment = "alertmanager";
    public const string GuideService = "alertmanager";
    public const string GuideConfigMap = "alertmanager-config";
    public const string GuideSecret = "alertmanager-slack";

    /// <summary>Pulumi names of the guide's leftovers: declared by no program, so <c>pulumi up</c> deletes them.</summary>
    public const string LeftoverConfigMapName = "guide-alertmanager-config";

    /// <summary>The guide's Deployment: the program runs a StatefulSet instead, so <c>pulumi up</c> deletes it once the StatefulSet is ready.</summary>
    public const string LeftoverDeploymentName = "guide-alertmanager";
    public const string LeftoverSecretName = "guide-alertmanager-slack";

    /// <summary>The resources to import, in the order the file lists them.</summary>
    public static IReadOnlyList<ImportEntry> Entries(StackSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var ns = settings.Namespace;
        const string alertingComponent = "alerting-component";
        const string nsComponent = "namespace-component";
        const string amComponent = "alertmanager-component";
        return
        [
            new(ModelAlertingType, alertingComponent, LogicalName: ModelAlertingName, Component: true),
            new(MonitoringNamespaceType, nsComponent, Parent: alertingComponent, LogicalName: "monitoring-namespace", Component: true),
            new("kubernetes:core/v1:Namespace", "namespace", ns, nsComponent, "monitoring-namespace", Version: KubernetesPluginVersion),
            new(AlertmanagerType, amComponent, Parent: alertingComponent, LogicalName: "alertmanager", Component: true),
            new("kubernetes:apps/v1:Deployment", "guide-deployment", $"{ns}/{GuideDeployment}", LogicalName: LeftoverDeploymentName, Version: KubernetesPluginVersion),
            new("kubernetes:core/v1:Service", "service", $"{ns}/{GuideService}", amComponent, "alertmanager", Version: KubernetesPluginVersion),
            new("kubernetes:core/v1:ConfigMap", "guide-config", $"{ns}/{GuideConfigMap}", LogicalName: LeftoverConfigMapName, Version: KubernetesPluginVersion),
            new("kubernetes:core/v1:Secret", "guide-secret", $"{ns}/{GuideSecret}", LogicalName: LeftoverSecretName, Version: KubernetesPluginVersion),
        ];
    }

    /// <summary>The import file's JSON text.</summary>
    public static string Render(StackSettings settings) =>
        JsonSerializer.Serialize(new ImportFile(Entries(settings)), Options) + "\n";

    /// <summary>The commands a team runs with the file, in order.</summary>
    public static IReadOnlyList<string> Commands(StackSettings settings, string file)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var stack = settings.Stack;
        return
        [
            $"pulumi import --file {file} --protect=false --generate-code=false --stack {stack}",
            $"pulumi config set --path migration.patchForce true --stack {stack}",
            $"pulumi preview --diff --stack {stack}",
            $"pulumi up --stack {stack}",
            $"pulumi config set --path migration.patchForce false --stack {stack}",
            $"pulumi up --stack {stack}",
        ];
    }

    /// <summary>
    /// Annotations of the objects the import adopts and the program keeps (namespace, Service). The guide wrote them with
    /// <c>kubectl apply</c>, so their fields belong to the field manager <c>kubectl-client-side-apply</c>, which
    /// pulumi-kubernetes 4.32's server-side apply does not take over by itself (it does for <c>kubectl</c>,
    /// <c>before-first-apply</c> and its own): without <c>pulumi.com/patchForce</c> the update of the Service
    /// conflicts. Atomic fields such as the Service's selector are then replaced whole, so the guide's selector key
    /// does not linger and select no pod.
    /// </summary>
    public static IReadOnlyDictionary<string, string> AdoptedObjectAnnotations(StackSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Migration.PatchForce
            ? new Dictionary<string, string>(StringComparer.Ordinal) { [MigrationSettings.PatchForceAnnotation] = "true" }
            : new Dictionary<string, string>(StringComparer.Ordinal);
    }

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    private sealed record ImportFile(IReadOnlyList<ImportEntry> Resources);
}

/// <summary>One resource of a <c>pulumi import --file</c> file.</summary>
/// <param name="Type">The resource type token.</param>
/// <param name="Name">The entry's name within the file (parents refer to it).</param>
/// <param name="Id">The Kubernetes object, <c>namespace/name</c>; none for a component.</param>
/// <param name="Parent">The file name of the parent component, or none for the stack.</param>
/// <param name="LogicalName">The resource's name in the program.</param>
/// <param name="Component">True for a component resource created empty as a parent.</param>
/// <param name="Version">The provider plugin's version.</param>
public sealed record ImportEntry(string Type, string Name, string? Id = null, string? Parent = null, string? LogicalName = null, bool Component = false, string? Version = null);
