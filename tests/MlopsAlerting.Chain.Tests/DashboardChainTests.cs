using System.Globalization;
using MlopsAlerting.Core.Dashboard;
using MlopsAlerting.Core.Rules;

namespace MlopsAlerting.Chain.Tests;

/// <summary>
/// Every query of the stack's dashboard, run as Grafana runs it (variables substituted, <c>query_range</c>) against real
/// Prometheus 3.5.3 with the stack's whole rule file loaded, scraping the exporter, three Alertmanager replicas and
/// itself (<see cref="SelfWatchStack"/>), while california-housing's MAE is 0.45 (critical) and a model rule fails (a
/// self-alert): each panel returns what its title claims.
/// </summary>
[Collection(SelfWatchCollection.Name)]
public sealed class DashboardChainTests(ThreeReplicaSelfWatchFixture fixture) : IClassFixture<ThreeReplicaSelfWatchFixture>
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(2);

    [Fact(Timeout = 300_000)]
    public async Task Every_panel_query_returns_its_series_from_the_stacks_rules_and_the_chains_metrics()
    {
        var ct = TestContext.Current.CancellationToken;
        var stack = fixture.Stack;
        await stack.SettleAsync(ct);
        var settings = stack.Settings;
        var prometheus = stack.Prometheus!.BaseUrl;
        try
        {
            stack.Exporter.Set(SelfWatchStack.Model, 0.45m);
            stack.Exporter.Set(SelfWatchStack.FaultModel, 0.10m);
            await stack.WaitUntilAsync(
                async () => (await stack.FiringAsync(ModelAlertRules.AlertName, ct)).Any(a => a["severity"]?.GetValue<string>() == "critical")
                    && (await stack.FiringAsync(SelfAlertRules.RuleFailures, ct)).Count > 0,
                TimeSpan.FromSeconds(120),
                "the critical and the rule-failure self-alert firing",
                ct);

            // Their ALERTS series are written at the same evaluation; the range's last step (every 2 s) must come after it.
            await stack.WaitUntilAsync(
                async () => (await stack.Prometheus!.QueryAsync($"ALERTS{{alertstate=\"firing\", alertname=~\"{ModelAlertRules.AlertName}|{SelfAlertRules.RuleFailures}\"}}", ct)).Count >= 2,
                TimeSpan.FromSeconds(30),
                "the firing alerts' ALERTS series",
                ct);
            await Task.Delay(TimeSpan.FromSeconds(3), ct);

            // The variables list the models from the series, not from the JSON.
            var variables = ModelDashboard.Variables(settings);
            var models = await GrafanaQuery.LabelValuesAsync(prometheus, "model_name", variables[0].Selector, ct);
            Assert.Contains(SelfWatchStack.Model, models);
            Assert.Contains(ChainStack.HealthyModel, models);

            // The link of a message naming the two models selects both; a name with regex metacharacters is escaped.
            var selected = new Dictionary<string, IReadOnlyList<string>?>
            {
                [ModelDashboard.ModelVariable] = [SelfWatchStack.Model, ChainStack.HealthyModel, "no.such+model"],
                [ModelDashboard.VersionVariable] = null,
            };
            var panels = ModelDashboard.Panels(settings).Where(p => p.Type != "row").ToDictionary(p => p.Id);
            var results = new Dictionary<(int, string), IReadOnlyList<(IReadOnlyDictionary<string, string> Labels, IReadOnlyList<double> Values)>>();
            foreach (var panel in panels.Values)
            {
                foreach (var target in panel.Targets)
                {
                    var promql = GrafanaQuery.Interpolate(target.Expr, selected, variables);
                    results[(panel.Id, target.RefId)] = await GrafanaQuery.RangeAsync(prometheus, promql, Window, ct);
                    TestContext.Current.TestOutputHelper?.WriteLine($"panel {panel.Id} {target.RefId}: {results[(panel.Id, target.RefId)].Count} series: {promql}");
                }
            }

            double Last(int panel, string refId, Func<IReadOnlyDictionary<string, string>, bool> which) =>
                Assert.Single(results[(panel, refId)], s => which(s.Labels)).Values[^1];

            // MAE against the thresholds: the model's series at 0.45, the thresholds at the stack's values, per model.
            var model = settings.Models.Single(m => m.Name == SelfWatchStack.Model);
            Assert.Equal(0.45, Last(2, "A", l => l["model_name"] == SelfWatchStack.Model), 3);
            Assert.Equal(0.20, Last(2, "A", l => l["model_name"] == ChainStack.HealthyModel), 3);
            Assert.Equal((double)model.MaeCritical, Last(2, "B", l => l["model_name"] == SelfWatchStack.Model), 6);
            Assert.Equal((double)model.MaeWarning, Last(2, "C", l => l["model_name"] == SelfWatchStack.Model), 6);
            Assert.Equal(2, results[(2, "B")].Count);
            Assert.DoesNotContain(results[(2, "A")], s => s.Labels["model_name"] == SelfWatchStack.FaultModel);

            // The alerts of the selected models: the critical firing.
            Assert.Equal(1, Last(3, "A", l => l["model_name"] == SelfWatchStack.Model && l["alertname"] == ModelAlertRules.AlertName && l["severity"] == "critical"));

            // The alerting row.
            Assert.Equal(1, Last(ModelDashboard.SelfAlertsPanelId, "A", l => l["alertname"] == SelfAlertRules.RuleFailures));
            Assert.DoesNotContain(results[(ModelDashboard.SelfAlertsPanelId, "A")], s => s.Labels["alertname"] == HeartbeatRule.AlertName);
            Assert.Equal(1, Last(12, "A", _ => true));
            Assert.True(Last(12, "B", _ => true) > 0, "the heartbeat's pings are counted");
            Assert.Equal(0, Last(12, "C", _ => true));
            Assert.True(Last(12, "D", _ => true) > 0, "the model rule group evaluates");
            Assert.Equal(3, results[(13, "A")].Select(s => s.Labels["instance"]).Distinct().Count());
            Assert.All(results[(13, "A")], s => Assert.Equal(0, s.Values[^1]));
            Assert.Equal(["slack-all", "slack-critical", "slack-warning"], results[(13, "B")].Select(s => s.Labels["receiver_name"]).Order(StringComparer.Ordinal));
            Assert.Equal(3, results[(14, "A")].Count);
            Assert.All(results[(14, "A")], s => Assert.Equal(0, s.Values[^1]));
            Assert.Equal(3, results[(14, "B")].Count);
            Assert.True(Last(15, "A", l => l["rule_group"].EndsWith(ModelAlertRules.GroupNameOf(settings), StringComparison.Ordinal)) > 0, "the failing rule is counted");
            Assert.Equal(3, results[(16, "A")].Count);
            Assert.All(results[(16, "A")], s => Assert.Equal(3, s.Values[^1]));
            TestContext.Current.TestOutputHelper?.WriteLine(string.Join(", ", results.Select(r => $"{r.Key.Item1}{r.Key.Item2}={r.Value.Count}").Order(StringComparer.Ordinal)) + $" at {DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture)}");
        }
        finally
        {
            stack.Exporter.Remove(SelfWatchStack.FaultModel);
            stack.Exporter.Set(SelfWatchStack.Model, 0.20m);
        }
    }
}
