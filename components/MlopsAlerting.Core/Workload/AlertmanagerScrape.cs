using MlopsAlerting.Core.Rendering;
using MlopsAlerting.Core.Settings;

namespace MlopsAlerting.Core.Workload;

/// <summary>
/// How Prometheus scrapes the stack's Alertmanagers for the self-alerts: every replica (a Service would hand each scrape
/// to one pod), on the web port with the stack's basic auth. The job name is the one the self-alerts select.
/// </summary>
public static class AlertmanagerScrape
{
    /// <summary>
    /// The file <c>review --out</c> writes the scrape job to: a <c>scrape_configs:</c> list, for Prometheus's
    /// <c>scrape_config_files</c> (2.43 and newer) or for moving its one job under the <c>scrape_configs</c> a
    /// <c>prometheus.yml</c> already has. Not part of <see cref="PrometheusAlertingSnippet"/>, which is pasted as it is.
    /// </summary>
    public const string FileName = "prometheus-scrape.yml";

    /// <summary>The scrape job as a file (see <see cref="FileName"/>); it names the password file, never the password.</summary>
    public static string Render(StackSettings settings, AlertmanagerWorkload workload) =>
        AlertmanagerConfigRenderer.ToYaml(new Dictionary<string, object> { ["scrape_configs"] = new[] { ScrapeConfig(settings, workload) } });

    /// <summary>
    /// The scrape job's name, and the <c>job</c> label of every series it gives: one per stack and namespace
    /// (<c>mlops-alerting/monitoring/prod/alertmanager</c>), so that two stacks, or two components of one program, that
    /// report to one Prometheus never merge their Alertmanagers into one job.
    /// </summary>
    public static string JobName(StackSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return $"{WorkloadNames.PartOf}/{Rules.StackIdentity.Value(settings)}/alertmanager";
    }

    /// <summary>The <c>scrape_configs</c> entry of a plain Prometheus (the snippet): DNS discovery of the headless Service, or the Service for one replica.</summary>
    public static Dictionary<string, object> ScrapeConfig(StackSettings settings, AlertmanagerWorkload workload)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(workload);
        var job = new Dictionary<string, object>
        {
            ["job_name"] = JobName(settings),
            ["scheme"] = "http",
            ["metrics_path"] = $"{workload.RoutePrefix}/metrics",
        };
        if (settings.Access.BasicAuth.Enabled)
        {
            job["basic_auth"] = new Dictionary<string, object>
            {
                ["username"] = settings.Access.BasicAuth.Username,
                ["password_file"] = PrometheusAlertingSnippet.PasswordFile(settings.Access.BasicAuth),
            };
        }

        if (workload.Clustered)
        {
            job["dns_sd_configs"] = new[]
            {
                new Dictionary<string, object> { ["names"] = new[] { workload.ClusterHost }, ["type"] = settings.Cluster.IpFamily.DnsRecordType(), ["port"] = WorkloadPorts.Http },
            };
        }
        else
        {
            job["static_configs"] = new[] { new Dictionary<string, object> { ["targets"] = new[] { $"{workload.ServiceHost}:{WorkloadPorts.Http}" } } };
        }

        return job;
    }

    /// <summary>
    /// The PodMonitor's name: <c>alertmanager</c> in the stack's own namespace; <c>alertmanager-&lt;namespace&gt;</c> when it
    /// goes into Prometheus's namespace beside the Secret (see <see cref="PodMonitorNamespace"/>), where every stack that
    /// reports to that Prometheus puts its own.
    /// </summary>
    public static string PodMonitorName(StackSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return PodMonitorNamespace(settings) == settings.Namespace ? WorkloadNames.App : $"{WorkloadNames.App}-{settings.Namespace}";
    }

    /// <summary>Where the PodMonitor goes: beside the Secret it reads the password from, or else beside Alertmanager.</summary>
    public static string PodMonitorNamespace(StackSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Access.BasicAuth.Enabled ? settings.Access.BasicAuth.PrometheusSecret.Namespace : settings.Namespace;
    }

    /// <summary>
    /// The Prometheus operator's equivalent, a <c>monitoring.coreos.com/v1</c> PodMonitor's spec: every Alertmanager pod
    /// on the web port, the job label set to <see cref="JobName"/>, basic auth from the Secret in Prometheus's namespace
    /// (a PodMonitor reads Secrets in its own namespace, so it is declared there; <c>namespaceSelector</c> finds the pods).
    /// </summary>
    public static Dictionary<string, object> PodMonitorSpec(StackSettings settings, AlertmanagerWorkload workload)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(workload);
        var endpoint = new Dictionary<string, object>
        {
            ["port"] = WorkloadPorts.HttpName,
            ["path"] = $"{workload.RoutePrefix}/metrics",
            ["scheme"] = "http",
            ["relabelings"] = new[]
            {
                new Dictionary<string, object> { ["action"] = "replace", ["targetLabel"] = "job", ["replacement"] = JobName(settings) },
                // The pod's address, as Prometheus's alertmanager label has it: how the Prometheus-side self-alerts tell this
                // stack's Alertmanagers from others (Rules.OwnAlertmanagers), whatever a scrape class sets.
                new Dictionary<string, object> { ["action"] = "replace", ["sourceLabels"] = new[] { "__address__" }, ["targetLabel"] = "instance" },
            },
        };
        if (settings.Access.BasicAuth.Enabled)
        {
            var secret = settings.Access.BasicAuth.PrometheusSecret.Name;
            endpoint["basicAuth"] = new Dictionary<string, object>
            {
                ["username"] = new Dictionary<string, string> { ["name"] = secret, ["key"] = PrometheusAlertingSnippet.UsernameKey },
                ["password"] = new Dictionary<string, string> { ["name"] = secret, ["key"] = PrometheusAlertingSnippet.PasswordKey },
            };
        }

        return new Dictionary<string, object>
        {
            ["selector"] = new Dictionary<string, object> { ["matchLabels"] = StandardLabels.Selector(settings.Stack) },
            ["namespaceSelector"] = new Dictionary<string, object> { ["matchNames"] = new[] { settings.Namespace } },
            ["podMetricsEndpoints"] = new[] { endpoint },
        };
    }
}
