using MlopsAlerting.Core.Rendering;
using MlopsAlerting.Core.Settings;

namespace MlopsAlerting.Core.Workload;

/// <summary>
/// The <c>alerting:</c> section Prometheus needs to reach this Alertmanager. Prometheus must send
/// every alert to every replica itself (the replicas deduplicate through gossip); a load balancer
/// in between would hand each alert to one replica only. So a clustered stack is found through the
/// headless Service's DNS name, which resolves to every replica.
/// </summary>
public static class PrometheusAlertingSnippet
{
    /// <summary>The file <c>review --out</c> writes the snippet to.</summary>
    public const string FileName = "prometheus-alerting.yml";

    /// <summary>The key of the user name in the Secret for Prometheus.</summary>
    public const string UsernameKey = "username";

    /// <summary>The key of the password in the Secret for Prometheus.</summary>
    public const string PasswordKey = "password";

    /// <summary>
    /// Where Prometheus mounts the Secrets it needs: the Prometheus operator mounts each Secret of a
    /// <c>Prometheus</c> resource's <c>spec.secrets</c> at <c>/etc/prometheus/secrets/&lt;name&gt;</c>;
    /// a plain Prometheus mounts it there with a volume (docs/prometheus.md shows how).
    /// </summary>
    public const string SecretsDirectory = "/etc/prometheus/secrets";

    /// <summary>The folder Prometheus mounts the stack's Secret at.</summary>
    public static string SecretDirectory(BasicAuthSettings basicAuth)
    {
        ArgumentNullException.ThrowIfNull(basicAuth);
        return $"{SecretsDirectory}/{basicAuth.PrometheusSecret.Name}";
    }

    /// <summary>The <c>password_file</c> the snippet names: the Secret's password key, mounted.</summary>
    public static string PasswordFile(BasicAuthSettings basicAuth) => $"{SecretDirectory(basicAuth)}/{PasswordKey}";

    /// <summary>
    /// The relabelling that keeps only this stack's alerts for its Alertmanagers (Prometheus 2.51 and newer read
    /// <c>alert_relabel_configs</c> per Alertmanager block): Prometheus sends every alert to every Alertmanager of every
    /// block otherwise, so stacks sharing a Prometheus would each get the others' alerts.
    /// </summary>
    public static Dictionary<string, object> KeepOwnAlerts(StackSettings settings) => new()
    {
        ["source_labels"] = new[] { Rules.StackIdentity.Label },
        ["regex"] = Rules.StackIdentity.Literal(Rules.StackIdentity.Value(settings)),
        ["action"] = "keep",
    };

    /// <summary>The YAML to paste into <c>prometheus.yml</c>. It never holds the password, only the path of its file.</summary>
    public static string Render(StackSettings settings, AlertmanagerWorkload workload)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(workload);
        var target = new Dictionary<string, object>
        {
            ["scheme"] = "http",
            ["api_version"] = "v2",
            ["alert_relabel_configs"] = new[] { KeepOwnAlerts(settings) },
        };
        if (workload.RoutePrefix.Length > 0)
        {
            target["path_prefix"] = workload.RoutePrefix;
        }

        if (settings.Access.BasicAuth.Enabled)
        {
            target["basic_auth"] = new Dictionary<string, object>
            {
                ["username"] = settings.Access.BasicAuth.Username,
                ["password_file"] = PasswordFile(settings.Access.BasicAuth),
            };
        }

        if (workload.Clustered)
        {
            target["dns_sd_configs"] = new[]
            {
                new Dictionary<string, object>
                {
                    ["names"] = new[] { workload.ClusterHost },
                    ["type"] = settings.Cluster.IpFamily.DnsRecordType(),
                    ["port"] = WorkloadPorts.Http,
                },
            };
        }
        else
        {
            target["static_configs"] = new[]
            {
                new Dictionary<string, object> { ["targets"] = new[] { $"{workload.ServiceHost}:{WorkloadPorts.Http}" } },
            };
        }

        // The scrape job the self-alerts need is a file of its own (AlertmanagerScrape.Render): a second top-level
        // scrape_configs here could not be pasted into a prometheus.yml that has one (promtool refuses the duplicate key).
        var snippet = new Dictionary<string, object>
        {
            ["alerting"] = new Dictionary<string, object> { ["alertmanagers"] = new[] { target } },
        };
        return AlertmanagerConfigRenderer.ToYaml(snippet);
    }

    /// <summary>
    /// The same for a Prometheus run by the Prometheus operator: the <c>spec.alerting</c> section of its
    /// <c>monitoring.coreos.com/v1</c> <c>Prometheus</c> resource. The operator discovers the Service's
    /// endpoints, so alerts reach every replica; basic auth reads the Secret from Prometheus's namespace.
    /// </summary>
    /// <remarks>
    /// A clustered stack names the headless Service <c>alertmanager-cluster</c>, not the ClusterIP Service: a replica
    /// is not ready during its start delay (<see cref="ReadinessDelay"/>), and that is when it must hear every firing
    /// alert. prometheus-operator (<c>pkg/prometheus/promcfg.go</c>, <c>generateAlertmanagerConfig</c>) turns each
    /// <c>spec.alerting.alertmanagers</c> entry into a <c>kubernetes_sd_configs</c> of role <c>endpoints</c> (or
    /// <c>endpointslice</c>) in the entry's namespace, and relabels it to keep only
    /// <c>__meta_kubernetes_service_name</c> equal to <c>name</c> and the endpoint's port name equal to <c>port</c>
    /// (a number keeps <c>__meta_kubernetes_pod_container_port_number</c>), then the entry's own relabelings; it does
    /// not filter on <c>__meta_kubernetes_endpoint_ready</c>. Prometheus's endpoints discovery
    /// (<c>discovery/kubernetes/endpoints.go</c>) makes a target of every address and of every not-ready address,
    /// labelled ready <c>false</c> (<c>endpointslice.go</c>: every endpoint, with its ready condition), so even the
    /// ClusterIP Service's not-ready pods would be sent alerts today, through a label that one <c>keep</c> on readiness
    /// (common in scrape configurations) or a later operator would drop. The headless Service publishes not-ready
    /// addresses as ready (Kubernetes' EndpointSlice controller: ready = <c>publishNotReadyAddresses</c> or the pod's
    /// readiness), so every replica is a ready endpoint whatever the discovery keeps; it is the set the plain snippet's DNS discovery reaches, and it serves the web port under the name the
    /// entry's <c>port</c> names (<see cref="WorkloadPorts.HttpName"/>). The ClusterIP Service keeps only ready
    /// replicas, for the UI and port-forward. One replica has no headless Service and no start delay: it keeps the
    /// ClusterIP Service.
    /// </remarks>
    public static string RenderOperator(StackSettings settings, AlertmanagerWorkload workload)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(workload);
        var endpoint = new Dictionary<string, object>
        {
            ["namespace"] = settings.Namespace,
            ["name"] = workload.Clustered ? WorkloadNames.ClusterService : WorkloadNames.Service,
            ["port"] = WorkloadPorts.HttpName,
            ["scheme"] = "http",
            ["apiVersion"] = "v2",
            ["alertRelabelings"] = new[]
            {
                new Dictionary<string, object>
                {
                    ["sourceLabels"] = new[] { Rules.StackIdentity.Label },
                    ["regex"] = Rules.StackIdentity.Literal(Rules.StackIdentity.Value(settings)),
                    ["action"] = "keep",
                },
            },
        };
        if (workload.RoutePrefix.Length > 0)
        {
            endpoint["pathPrefix"] = workload.RoutePrefix;
        }

        if (settings.Access.BasicAuth.Enabled)
        {
            var secret = settings.Access.BasicAuth.PrometheusSecret.Name;
            endpoint["basicAuth"] = new Dictionary<string, object>
            {
                ["username"] = new Dictionary<string, string> { ["name"] = secret, ["key"] = UsernameKey },
                ["password"] = new Dictionary<string, string> { ["name"] = secret, ["key"] = PasswordKey },
            };
        }

        var spec = new Dictionary<string, object>
        {
            ["spec"] = new Dictionary<string, object>
            {
                ["alerting"] = new Dictionary<string, object> { ["alertmanagers"] = new[] { endpoint } },
            },
        };
        return AlertmanagerConfigRenderer.ToYaml(spec);
    }
}
