using System.Text;
using MlopsAlerting.Core.Rules;
using MlopsAlerting.Core.Settings;
using MlopsAlerting.Core.Workload;

namespace MlopsAlerting.Core.Review;

/// <summary>
/// The review's section on sharing one Prometheus with other stacks: this stack's identity on everything it puts into
/// Prometheus, which model series it owns, and a warning for each object another stack of the project would also declare
/// if both went to one cluster (same namespace, same Secret or PodMonitor in Prometheus's namespace).
/// </summary>
public static class SharedPrometheusReview
{
    /// <summary>The section's title.</summary>
    public const string Title = "Sharing a Prometheus";

    /// <summary>What this stack would declare that <paramref name="other"/> declares too, one line each; empty when nothing.</summary>
    public static IReadOnlyList<string> Collisions(StackSettings self, StackSettings other)
    {
        ArgumentNullException.ThrowIfNull(self);
        ArgumentNullException.ThrowIfNull(other);
        var found = new List<string>();
        if (self.Namespace == other.Namespace)
        {
            found.Add($"namespace `{self.Namespace}`: both stacks declare the Deployment, Services, ConfigMaps and Secrets `alertmanager*` there");
        }

        if (self.Access.BasicAuth.Enabled && other.Access.BasicAuth.Enabled && self.Access.BasicAuth.PrometheusSecret == other.Access.BasicAuth.PrometheusSecret)
        {
            var secret = self.Access.BasicAuth.PrometheusSecret;
            found.Add($"Secret `{secret.Namespace}/{secret.Name}` for Prometheus: set `access.basicAuth.prometheusSecret.name` in one of them");
        }

        if (self.Rules.Target == RuleTarget.PrometheusRule && other.Rules.Target == RuleTarget.PrometheusRule
            && AlertmanagerScrape.PodMonitorNamespace(self) == AlertmanagerScrape.PodMonitorNamespace(other)
            && AlertmanagerScrape.PodMonitorName(self) == AlertmanagerScrape.PodMonitorName(other))
        {
            found.Add($"PodMonitor `{AlertmanagerScrape.PodMonitorNamespace(self)}/{AlertmanagerScrape.PodMonitorName(self)}`");
        }

        if (StackIdentity.Value(self) == StackIdentity.Value(other))
        {
            found.Add($"stack identity `{StackIdentity.Value(self)}`: one Prometheus could not tell their alerts apart");
        }

        return found;
    }

    /// <summary>The section, given the project's other stacks (by name) and those whose files did not bind.</summary>
    public static ReviewSection Render(StackSettings self, IReadOnlyList<StackSettings> others, IReadOnlyList<string> unreadable)
    {
        ArgumentNullException.ThrowIfNull(self);
        ArgumentNullException.ThrowIfNull(others);
        ArgumentNullException.ThrowIfNull(unreadable);
        var md = new StringBuilder();
        md.AppendLine($"Every recorded series and every alert of this stack carries `{StackIdentity.Label}=\"{StackIdentity.Value(self)}\"`; its rules read only series with it, the snippet's `alert_relabel_configs` (the operator's `alertRelabelings`, Prometheus 2.51 and newer) send its Alertmanagers only its alerts, and its Alertmanager drops an alert that carries another stack's. Scrape job: `{AlertmanagerScrape.JobName(self)}`.");
        md.AppendLine().AppendLine(self.Rules.OwnedSeries.Length == 0
            ? $"Model series owned (`rules.ownedSeries`): every `{self.Rules.Metric}` series. With other stacks in the same Prometheus, set `rules.ownedSeries` so that each watches only its own models."
            : $"Model series owned (`rules.ownedSeries`): `{self.Rules.Series()}`; the rules read no other `{self.Rules.Metric}` series.");
        foreach (var other in others)
        {
            foreach (var collision in Collisions(self, other))
            {
                md.AppendLine().AppendLine($"**Warning**: stack `{other.Stack}` of this project declares the same {collision}. Deployed to one cluster, the second `pulumi up` fails with AlreadyExists or takes the other's object over; give each stack its own `namespace`.");
            }
        }

        foreach (var stack in unreadable)
        {
            md.AppendLine().AppendLine($"Stack `{stack}` of this project has mistakes (`review {stack}` lists them), so it was not compared with this one.");
        }

        return new ReviewSection(Title, md.ToString());
    }
}
