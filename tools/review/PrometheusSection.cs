using System.Text;
using MlopsAlerting.Core.Review;
using MlopsAlerting.Core.Settings;
using MlopsAlerting.Core.Workload;

namespace MlopsAlerting.Review;

/// <summary>How Prometheus reaches Alertmanager, as a review section: the snippet to paste and the operator's equivalent.</summary>
internal static class PrometheusSection
{
    public static ReviewSection From(StackSettings settings, AlertmanagerWorkload workload)
    {
        var md = new StringBuilder();
        md.AppendLine(workload.Clustered
            ? $"Prometheus sends every alert to every replica itself (never through a load balancer): `dns_sd_configs` resolves `{workload.ClusterHost}` to each replica."
            : $"One replica: Prometheus sends to `{workload.ServiceHost}:{WorkloadPorts.Http}`.");
        if (settings.Access.BasicAuth.Enabled)
        {
            var secret = settings.Access.BasicAuth.PrometheusSecret;
            md.AppendLine().AppendLine(
                $"Basic auth: `pulumi up` writes the user name and password into the Secret `{secret.Namespace}/{secret.Name}` (keys `{PrometheusAlertingSnippet.UsernameKey}`, `{PrometheusAlertingSnippet.PasswordKey}`). "
                + $"Prometheus must mount it at `{PrometheusAlertingSnippet.SecretDirectory(settings.Access.BasicAuth)}` (the operator does so for a Secret listed in the Prometheus resource's `spec.secrets`); the snippet reads `{PrometheusAlertingSnippet.PasswordFile(settings.Access.BasicAuth)}`.");
        }

        md.AppendLine().AppendLine($"`{PrometheusAlertingSnippet.FileName}`, to paste into `prometheus.yml` (`review --out` writes it):").AppendLine();
        md.AppendLine("```yaml").Append(PrometheusAlertingSnippet.Render(settings, workload).TrimEnd()).AppendLine().AppendLine("```").AppendLine();
        md.AppendLine($"`{AlertmanagerScrape.FileName}`, the scrape job the self-alerts need (every replica's `/metrics`): list the file in `scrape_config_files` (Prometheus 2.43+), or move its job under your `scrape_configs` (`review --out` writes it):").AppendLine();
        md.AppendLine("```yaml").Append(AlertmanagerScrape.Render(settings, workload).TrimEnd()).AppendLine().AppendLine("```").AppendLine();
        md.AppendLine($"With the Prometheus operator, instead, in the `Prometheus` resource (`pulumi up` declares the PodMonitor `{AlertmanagerScrape.PodMonitorNamespace(settings)}/{AlertmanagerScrape.PodMonitorName(settings)}` for the scrape; with `rules.target: prometheusRule`)"
            + (workload.Clustered ? $"; the operator discovers the endpoints of the headless Service `{WorkloadNames.ClusterService}`, which lists a replica still in its start delay (not ready, and out of `{WorkloadNames.Service}`) so that it hears every firing alert:" : ":")).AppendLine();
        md.AppendLine("```yaml").Append(PrometheusAlertingSnippet.RenderOperator(settings, workload).TrimEnd()).AppendLine().AppendLine("```");
        return new ReviewSection("Prometheus wiring", md.ToString());
    }
}
