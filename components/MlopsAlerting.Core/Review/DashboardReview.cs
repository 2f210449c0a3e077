using System.Globalization;
using System.Text;
using MlopsAlerting.Core.Dashboard;
using MlopsAlerting.Core.Settings;

namespace MlopsAlerting.Core.Review;

/// <summary>The review's section on the stack's Grafana dashboard: where it goes, its UID, its panels and a sample link.</summary>
public static class DashboardReview
{
    /// <summary>The section's title.</summary>
    public const string Title = "Grafana dashboard";

    /// <summary>The section, with a sample link for a critical of the stack's first model that started at <paramref name="sampleStart"/>.</summary>
    public static ReviewSection Render(StackSettings settings, DateTimeOffset sampleStart)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var md = new StringBuilder();
        var uid = DashboardUid.Of(settings);
        var where = settings.Dashboard.Delivery switch
        {
            DashboardDelivery.ConfigMap => $"ConfigMap `{DashboardObject.Namespace(settings)}/{DashboardObject.Name(settings)}` (key `{ModelDashboard.FileName}`) labelled {Labels(settings.Dashboard.Labels)} for Grafana's dashboard sidecar; the sidecar must watch namespace `{DashboardObject.Namespace(settings)}`",
            DashboardDelivery.GrafanaOperator => $"GrafanaDashboard `{DashboardObject.Namespace(settings)}/{DashboardObject.Name(settings)}` ({DashboardObject.OperatorApiVersion}) for the Grafana instances labelled {Labels(settings.Dashboard.InstanceSelector)}",
            _ => $"nothing in the cluster (`dashboard.delivery: none`): import `{ModelDashboard.FileName}`, which `review --out` writes, into Grafana by hand (keep its UID, or the buttons open nothing)",
        };
        md.AppendLine(CultureInfo.InvariantCulture, $"**{ModelDashboard.Title(settings)}**, UID `{uid}`, {ModelDashboard.Render(settings).Length:N0} bytes whatever the number of models. Delivered as {where}.").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Variables: {string.Join("; ", ModelDashboard.Variables(settings).Select(v => $"`${v.Name}` (`{v.Query}`, several selectable, All = `{v.AllValue}`)"))}.").AppendLine();
        md.AppendLine("| row | panel | shows | queries |").AppendLine("|---|---|---|---|");
        foreach (var panel in ModelDashboard.Panels(settings).Where(p => p.Type != "row"))
        {
            var queries = string.Join("<br>", panel.Targets.Select(t => $"`{t.Expr.Replace("|", "\\|", StringComparison.Ordinal)}`"));
            md.AppendLine(CultureInfo.InvariantCulture, $"| {panel.Row} | {panel.Title} | {panel.Shows.Replace("|", "\\|", StringComparison.Ordinal)} | {queries} |");
        }

        md.AppendLine();
        var model = settings.Models.FirstOrDefault();
        var (link, _) = DashboardLink.For(settings, [(model?.Name ?? "california-housing", model?.Version, sampleStart)]);
        var (self, _) = DashboardLink.For(settings, [(null, null, sampleStart)]);
        md.AppendLine(CultureInfo.InvariantCulture, $"View in Grafana, for a critical of {model?.Name ?? "california-housing"} that started at {sampleStart.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC: <{link}>").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"For a self-alert (no model): <{self}> (the alerting row's first panel). A message's link selects each of its models and their versions from an hour before its earliest alert started to now; when they do not fit Slack's {DashboardLink.MaxUrlLength:N0}-character button URL it selects every model and the message says \"{DashboardLink.TooManyModels}\".");
        return new ReviewSection(Title, md.ToString());
    }

    private static string Labels(IReadOnlyDictionary<string, string> labels) => string.Join(", ", labels.Select(l => $"`{l.Key}={l.Value}`"));
}
