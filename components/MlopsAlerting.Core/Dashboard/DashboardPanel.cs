namespace MlopsAlerting.Core.Dashboard;

/// <summary>One panel of the stack's dashboard and the queries it runs, as Grafana sends them before variables are substituted.</summary>
/// <param name="Id">The panel's id (also what <c>viewPanel</c> opens).</param>
/// <param name="Title">Its title.</param>
/// <param name="Type">Grafana's panel type: <c>timeseries</c>, <c>state-timeline</c> or <c>row</c>.</param>
/// <param name="Shows">What it shows, in words (the review's table).</param>
/// <param name="Targets">Its Prometheus queries.</param>
/// <param name="Row">The row it sits in: <see cref="ModelDashboard.ModelsRow"/> or <see cref="ModelDashboard.AlertingRow"/>.</param>
public sealed record DashboardPanel(int Id, string Title, string Type, string Shows, IReadOnlyList<DashboardQuery> Targets, string Row);

/// <summary>A Prometheus query of a panel.</summary>
/// <param name="RefId">Grafana's query letter.</param>
/// <param name="Expr">The PromQL, with Grafana's variables (<c>$model</c>, <c>$version</c>, <c>$__rate_interval</c>).</param>
/// <param name="Legend">The series' legend format.</param>
public sealed record DashboardQuery(string RefId, string Expr, string Legend);
