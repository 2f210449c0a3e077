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
    /// <summary>Where a Prometheus in the cluster keeps the password file it reads (a Secret mounted by the operator or chart).</summary>
    public const string PasswordFile = "/etc/prometheus/secrets/alertmanager-basic-auth/password";

    /// <summary>The YAML to paste into <c>prometheus.yml</c>. It never holds the password, only the path of its file.</summary>
    public static string Render(StackSettings settings, AlertmanagerWorkload workload)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(workload);
        var target = new Dictionary<string, object>
        {
            ["scheme"] = "http",
            ["api_version"] = "v2",
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
                ["password_file"] = PasswordFile,
            };
        }

        if (workload.Clustered)
        {
            target["dns_sd_configs"] = new[]
            {
                new Dictionary<string, object>
                {
                    ["names"] = new[] { workload.ClusterHost },
                    ["type"] = "A",
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

        var snippet = new Dictionary<string, object>
        {
            ["alerting"] = new Dictionary<string, object> { ["alertmanagers"] = new[] { target } },
        };
        return AlertmanagerConfigRenderer.ToYaml(snippet);
    }
}
