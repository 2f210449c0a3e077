namespace MlopsAlerting.Core.Dashboard;

/// <summary>
/// A template variable of the dashboard that lists a label's values (<c>label_values(selector, label)</c>): several
/// selectable, an All that matches <paramref name="AllValue"/>. Read from the series, never listed in the JSON, so the
/// dashboard stays the same size for 10,000 models.
/// </summary>
/// <param name="Name">Its name: <c>$model</c> in the queries, <c>var-model</c> in a link.</param>
/// <param name="Label">What Grafana shows beside it.</param>
/// <param name="Selector">The series whose label values it lists.</param>
/// <param name="LabelName">The label.</param>
/// <param name="AllValue">The regular expression All stands for.</param>
public sealed record DashboardVariable(string Name, string Label, string Selector, string LabelName, string AllValue)
{
    /// <summary>The variable's query as Grafana's Prometheus data source writes it.</summary>
    public string Query => $"label_values({Selector}, {LabelName})";
}
