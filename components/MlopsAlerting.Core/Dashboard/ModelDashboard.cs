using System.Text.Json;
using System.Text.Json.Nodes;
using MlopsAlerting.Core.Rules;
using MlopsAlerting.Core.Settings;

namespace MlopsAlerting.Core.Dashboard;

/// <summary>
/// The stack's Grafana dashboard, generated from its settings: a Models row (each selected model's MAE against its
/// critical and warning thresholds, read from the recorded threshold series, and the alerts of those models over time)
/// and an Alerting row (the heartbeat and the model rule group's evaluations, Slack delivery failures per channel,
/// Prometheus's errors sending to this stack's Alertmanagers, rule evaluation failures and cluster members per
/// replica). Models are a variable read from the stack's series (<see cref="DashboardVariable"/>), so the JSON does not
/// grow with the fleet. Every query reads only what the stack owns: its MAE series (<c>rules.ownedSeries</c>), its
/// recorded series and alerts (<see cref="StackIdentity"/>), its Alertmanager scrape job and its rule group.
/// </summary>
public static class ModelDashboard
{
    /// <summary>The file <c>review --out</c> writes, and the key of the ConfigMap.</summary>
    public const string FileName = "mlops-alerting-dashboard.json";

    /// <summary>The row of the models.</summary>
    public const string ModelsRow = "Models";

    /// <summary>The row of the alerting itself.</summary>
    public const string AlertingRow = "The alerting itself";

    /// <summary>The variable of the models.</summary>
    public const string ModelVariable = "model";

    /// <summary>The variable of the versions.</summary>
    public const string VersionVariable = "version";

    /// <summary>The data source variable.</summary>
    public const string DatasourceVariable = "datasource";

    /// <summary>The panel a self-alert's link opens (<c>viewPanel</c>): the self-alerts over time, the first of the alerting row.</summary>
    public const int SelfAlertsPanelId = 11;

    private const string Datasource = "${" + DatasourceVariable + "}";

    /// <summary>The window Grafana puts for <c>$__rate_interval</c>: at least four scrapes.</summary>
    public const string RateInterval = "$__rate_interval";

    /// <summary>The dashboard's title.</summary>
    public static string Title(StackSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return $"ML model alerting: {settings.Environment} ({StackIdentity.Value(settings)})";
    }

    /// <summary>The model and version variables.</summary>
    public static IReadOnlyList<DashboardVariable> Variables(StackSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return
        [
            new(ModelVariable, "Model", settings.Rules.Series(), "model_name", ".+"),
            new(VersionVariable, "Version", settings.Rules.Series($"model_name=~\"${ModelVariable}\""), "model_version", ".*"),
        ];
    }

    /// <summary>Every panel, rows included, in the order the dashboard shows them.</summary>
    public static IReadOnlyList<DashboardPanel> Panels(StackSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var own = StackIdentity.Matcher(settings);
        var model = $"model_name=~\"${ModelVariable}\"";
        var job = SelfAlertRules.JobMatcher(settings);
        var modelGroup = $"rule_group=~\".*;{StackIdentity.Literal(ModelAlertRules.GroupNameOf(settings))}\"";
        var heartbeat = new List<DashboardQuery>();
        if (settings.HeartbeatUrl.IsSet)
        {
            heartbeat.Add(new("A", $"sum by(alertname) (ALERTS{{{own}, alertname=\"{HeartbeatRule.AlertName}\", alertstate=\"firing\"}})", "Heartbeat firing (1: alive)"));
            heartbeat.Add(new("B", $"sum by(integration) (increase(alertmanager_notification_requests_total{{{job}, integration=\"webhook\"}}[{RateInterval}]))", "pings sent"));
            heartbeat.Add(new("C", $"sum by(integration) (increase(alertmanager_notification_requests_failed_total{{{job}, integration=\"webhook\"}}[{RateInterval}]))", "pings failed"));
        }

        heartbeat.Add(new(heartbeat.Count == 0 ? "A" : "D", $"sum by(rule_group) (increase(prometheus_rule_group_iterations_total{{{modelGroup}}}[{RateInterval}]))", "model rule evaluations"));
        var failed = $"alertmanager_notification_requests_failed_total{{{job}, integration=\"slack\"}}";
        var total = $"alertmanager_notification_requests_total{{{job}, integration=\"slack\"}}";
        return
        [
            new(1, ModelsRow, "row", "The selected models", [], ModelsRow),
            new(2, "MAE of the selected models against their thresholds", "timeseries",
                $"each selected model's {settings.Rules.Metric} (each version its own line) and its critical and warning thresholds from the recorded threshold series",
                [
                    new("A", settings.Rules.Series(model, $"model_version=~\"${VersionVariable}|\""), "{{model_name}} {{model_version}} MAE"),
                    new("B", $"min by(model_name) ({ModelAlertRules.CriticalThresholdRecord}{{{own}, {model}}})", "{{model_name}} critical threshold"),
                    new("C", $"min by(model_name) ({ModelAlertRules.WarningThresholdRecord}{{{own}, {model}}})", "{{model_name}} warning threshold"),
                ],
                ModelsRow),
            new(3, "Alerts of the selected models", "state-timeline",
                "which alert of each selected model fired when (ModelPerformanceDegraded per severity, ModelMetricsMissing, ModelNotListed)",
                [new("A", $"sum by(model_name, alertname, severity) (ALERTS{{{own}, alertstate=\"firing\", {model}}})", "{{model_name}} {{alertname}} {{severity}}")],
                ModelsRow),
            new(10, AlertingRow, "row", "The alerting itself", [], AlertingRow),
            new(SelfAlertsPanelId, "Self-alerts firing", "state-timeline",
                "the alerts the alerting raises about itself (no model_name), the Heartbeat left out",
                [new("A", $"sum by(alertname, severity) (ALERTS{{{own}, alertstate=\"firing\", model_name=\"\", alertname!=\"{HeartbeatRule.AlertName}\"}})", "{{alertname}} {{severity}}")],
                AlertingRow),
            new(12, settings.HeartbeatUrl.IsSet ? "Heartbeat and model rule evaluations" : "Model rule evaluations (no heartbeatUrl: no Heartbeat)", "timeseries",
                settings.HeartbeatUrl.IsSet ? "the always-firing Heartbeat, its pings to the outside check, and the model rule group's evaluations" : "the model rule group's evaluations",
                heartbeat,
                AlertingRow),
            new(13, "Slack delivery failures per channel", "timeseries",
                "failed and all Slack requests per receiver and replica",
                [
                    new("A", $"sum by(receiver_name, instance) (increase({failed}[{RateInterval}]))", "failed {{receiver_name}} {{instance}}"),
                    new("B", $"sum by(receiver_name) (increase({total}[{RateInterval}]))", "requests {{receiver_name}}"),
                ],
                AlertingRow),
            new(14, "Prometheus → Alertmanager errors", "timeseries",
                "errors and sends per second from Prometheus to each of this stack's Alertmanagers",
                [
                    new("A", $"sum by(alertmanager) ({OwnAlertmanagers.Of($"rate(prometheus_notifications_errors_total[{RateInterval}])", job)})", "errors {{alertmanager}}"),
                    new("B", $"sum by(alertmanager) ({OwnAlertmanagers.Of($"rate(prometheus_notifications_sent_total[{RateInterval}])", job)})", "sent {{alertmanager}}"),
                ],
                AlertingRow),
            new(15, "Rule evaluation failures", "timeseries",
                "failed evaluations of the stack's model rule group",
                [new("A", $"sum by(rule_group) (increase(prometheus_rule_evaluation_failures_total{{{modelGroup}}}[{RateInterval}]))", "{{rule_group}}")],
                AlertingRow),
            new(16, "Cluster members per replica", "timeseries",
                $"the members each replica sees (the stack runs {settings.Alertmanager.Replicas})",
                [new("A", $"alertmanager_cluster_members{{{job}}}", "{{instance}}")],
                AlertingRow),
        ];
    }

    /// <summary>The dashboard JSON, indented; <see cref="DashboardUid"/> is its UID.</summary>
    public static string Render(StackSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Json(settings).ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>The dashboard as a JSON object.</summary>
    public static JsonObject Json(StackSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var panels = new JsonArray();
        var y = 0;
        var x = 0;
        foreach (var panel in Panels(settings))
        {
            if (panel.Type == "row")
            {
                y += x == 0 ? 0 : 8;
                x = 0;
                panels.Add(new JsonObject
                {
                    ["id"] = panel.Id,
                    ["type"] = "row",
                    ["title"] = panel.Title,
                    ["collapsed"] = false,
                    ["gridPos"] = Grid(0, y, 24, 1),
                    ["panels"] = new JsonArray(),
                });
                y += 1;
                continue;
            }

            var wide = panel.Row == ModelsRow;
            var width = wide ? 24 : 12;
            var height = wide ? 10 : 8;
            panels.Add(Panel(panel, Grid(x, y, width, height)));
            x += width;
            if (x >= 24)
            {
                x = 0;
                y += height;
            }
        }

        var variables = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "datasource",
                ["name"] = DatasourceVariable,
                ["label"] = "Prometheus",
                ["query"] = "prometheus",
                ["hide"] = 0,
                ["refresh"] = 1,
                ["regex"] = string.Empty,
                ["options"] = new JsonArray(),
            },
        };
        foreach (var variable in Variables(settings))
        {
            var json = new JsonObject
            {
                ["type"] = "query",
                ["name"] = variable.Name,
                ["label"] = variable.Label,
                ["datasource"] = Source(),
                ["query"] = variable.Query,
                ["multi"] = true,
                ["includeAll"] = true,
                ["allValue"] = variable.AllValue,
                ["refresh"] = 2,
                ["sort"] = 1,
                ["hide"] = 0,
                ["regex"] = string.Empty,
                ["options"] = new JsonArray(),
            };

            // The models default to the first one (a fleet's All draws every series); the versions to All.
            if (variable.Name == VersionVariable)
            {
                json["current"] = new JsonObject { ["text"] = new JsonArray("All"), ["value"] = new JsonArray("$__all") };
            }

            variables.Add(json);
        }

        return new JsonObject
        {
            ["uid"] = DashboardUid.Of(settings),
            ["title"] = Title(settings),
            ["description"] = $"Generated by mlops-alerting from Pulumi.{settings.Stack}.yaml; do not edit in Grafana (the next pulumi up replaces it). The View in Grafana button of each Slack message opens it at the alert.",
            ["tags"] = new JsonArray("mlops-alerting", settings.Stack),
            ["timezone"] = "browser",
            ["editable"] = false,
            ["graphTooltip"] = 1,
            ["schemaVersion"] = 39,
            ["version"] = 1,
            ["refresh"] = "1m",
            ["time"] = new JsonObject { ["from"] = "now-6h", ["to"] = "now" },
            ["timepicker"] = new JsonObject(),
            ["fiscalYearStartMonth"] = 0,
            ["liveNow"] = false,
            ["links"] = new JsonArray(),
            ["annotations"] = new JsonObject
            {
                ["list"] = new JsonArray
                {
                    new JsonObject
                    {
                        ["builtIn"] = 1,
                        ["datasource"] = new JsonObject { ["type"] = "grafana", ["uid"] = "-- Grafana --" },
                        ["enable"] = true,
                        ["hide"] = true,
                        ["iconColor"] = "rgba(0, 211, 255, 1)",
                        ["name"] = "Annotations & Alerts",
                        ["type"] = "dashboard",
                    },
                },
            },
            ["templating"] = new JsonObject { ["list"] = variables },
            ["panels"] = panels,
        };
    }

    private static JsonObject Source() => new() { ["type"] = "prometheus", ["uid"] = Datasource };

    private static JsonObject Grid(int x, int y, int w, int h) => new() { ["h"] = h, ["w"] = w, ["x"] = x, ["y"] = y };

    private static JsonObject Panel(DashboardPanel panel, JsonObject grid)
    {
        var targets = new JsonArray();
        foreach (var target in panel.Targets)
        {
            targets.Add(new JsonObject
            {
                ["refId"] = target.RefId,
                ["datasource"] = Source(),
                ["expr"] = target.Expr,
                ["legendFormat"] = target.Legend,
                ["range"] = true,
            });
        }

        var overrides = new JsonArray();
        if (panel.Id == 2)
        {
            overrides.Add(Dashed(".*critical threshold", "red"));
            overrides.Add(Dashed(".*warning threshold", "orange"));
        }

        var timeseries = panel.Type == "timeseries";
        return new JsonObject
        {
            ["id"] = panel.Id,
            ["type"] = panel.Type,
            ["title"] = panel.Title,
            ["description"] = panel.Shows,
            ["datasource"] = Source(),
            ["gridPos"] = grid,
            ["targets"] = targets,
            ["fieldConfig"] = new JsonObject
            {
                ["defaults"] = timeseries
                    ? new JsonObject { ["decimals"] = panel.Id == 2 ? 2 : 0, ["min"] = 0, ["custom"] = new JsonObject { ["drawStyle"] = "line", ["lineWidth"] = 2, ["spanNulls"] = false, ["showPoints"] = "never" } }
                    : new JsonObject { ["custom"] = new JsonObject { ["fillOpacity"] = 80, ["lineWidth"] = 0 } },
                ["overrides"] = overrides,
            },
            ["options"] = timeseries
                ? new JsonObject
                {
                    ["legend"] = new JsonObject { ["displayMode"] = "table", ["placement"] = "right", ["showLegend"] = true, ["calcs"] = new JsonArray("lastNotNull", "max") },
                    ["tooltip"] = new JsonObject { ["mode"] = "multi", ["sort"] = "desc" },
                }
                : new JsonObject
                {
                    ["showValue"] = "never",
                    ["mergeValues"] = true,
                    ["legend"] = new JsonObject { ["displayMode"] = "list", ["placement"] = "bottom", ["showLegend"] = false },
                    ["tooltip"] = new JsonObject { ["mode"] = "single", ["sort"] = "none" },
                },
        };
    }

    private static JsonObject Dashed(string name, string color) => new()
    {
        ["matcher"] = new JsonObject { ["id"] = "byRegexp", ["options"] = name },
        ["properties"] = new JsonArray
        {
            new JsonObject { ["id"] = "color", ["value"] = new JsonObject { ["mode"] = "fixed", ["fixedColor"] = color } },
            new JsonObject { ["id"] = "custom.lineStyle", ["value"] = new JsonObject { ["fill"] = "dash", ["dash"] = new JsonArray(10, 10) } },
        },
    };
}
