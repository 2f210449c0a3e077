using MlopsAlerting.Core.Rules;
using MlopsAlerting.LocalRun.Tests;

namespace MlopsAlerting.Rules.Tests;

/// <summary>
/// The series the self-alerts of prod (with a heartbeat) read, named and labelled as Alertmanager 0.33.1 and Prometheus
/// 3.5.3 expose them: this stack's replicas scraped by its job (<c>instance="a:9093"</c>), Prometheus's own metrics from
/// its self-scrape (<c>job="prometheus", instance="localhost:9090"</c>), each Alertmanager Prometheus sends to under its
/// URL; and the cases and expectations of <c>promtool test rules</c> on them.
/// </summary>
internal static class SelfAlertSeries
{
    public const string JobName = "mlops-alerting/monitoring/prod/alertmanager";
    public const string Job = $"job=\"{JobName}\"";
    public const string ModelGroupName = "/etc/prometheus/rules/model-alerts.rules.yml;mlops-model-alerts/monitoring/prod";
    public const string ModelGroup = $"rule_group=\"{ModelGroupName}\"";

    /// <summary>The labels of Prometheus's self-scrape.</summary>
    public const string PrometheusTarget = "job=\"prometheus\", instance=\"localhost:9090\"";

    public static readonly RenderedRules Rules = SelfAlertStacks.WithoutAnnotations(StackRules.Render(SelfAlertStacks.ProdWithHeartbeat()));

    public static InputSeries Failed(string integration, string receiver, string values, string replica = "a") =>
        new($"alertmanager_notification_requests_failed_total{{{Job}, instance=\"{replica}:9093\", integration=\"{integration}\", receiver_name=\"{receiver}\"}}", values);

    public static InputSeries Total(string integration, string receiver, string values, string replica = "a") =>
        new($"alertmanager_notification_requests_total{{{Job}, instance=\"{replica}:9093\", integration=\"{integration}\", receiver_name=\"{receiver}\"}}", values);

    public static InputSeries Up(string replica, string values) => new($"up{{{Job}, instance=\"{replica}:9093\"}}", values);

    public static InputSeries Members(string replica, string values) => new($"alertmanager_cluster_members{{{Job}, instance=\"{replica}:9093\"}}", values);

    public static InputSeries Hash(string replica, string values) => new($"alertmanager_config_hash{{{Job}, instance=\"{replica}:9093\"}}", values);

    /// <summary>The URL Prometheus posts to for the Alertmanager at <paramref name="host"/>:9093.</summary>
    public static string Url(string host) => $"http://{host}:9093/api/v2/alerts";

    /// <summary>Prometheus's count of alerts sent to the Alertmanager at <paramref name="host"/> (present from its discovery until it is dropped).</summary>
    public static InputSeries Sent(string host, string values) => new($"prometheus_notifications_sent_total{{{PrometheusTarget}, alertmanager=\"{Url(host)}\"}}", values);

    public static InputSeries SendErrors(string host, string values) => new($"prometheus_notifications_errors_total{{{PrometheusTarget}, alertmanager=\"{Url(host)}\"}}", values);

    public static InputSeries PrometheusSeries(string name, string values) => new($"{name}{{{PrometheusTarget}}}", values);

    public static ExpectedAlert Heartbeat() => Alert(HeartbeatRule.Severity);

    /// <summary>Every alert of the stack's rule file carries the stack's identity.</summary>
    public static ExpectedAlert Alert(string severity, params (string Key, string Value)[] labels) =>
        new(new Dictionary<string, string>(labels.Select(l => KeyValuePair.Create(l.Key, l.Value))) { ["severity"] = severity, [StackIdentity.Label] = "monitoring/prod" }, new Dictionary<string, string>());

    /// <summary>An alert of Prometheus's self-scrape, labelled with its target.</summary>
    public static ExpectedAlert PrometheusAlert(string severity, params (string Key, string Value)[] labels) =>
        Alert(severity, [("job", "prometheus"), ("instance", "localhost:9090"), .. labels]);

    public static PromtoolTestCase Case(string name, IReadOnlyList<InputSeries> series, params AlertRuleTest[] tests) => new(name, "1m", series, tests);

    public static AlertRuleTest At(string evalTime, string alert, params ExpectedAlert[] alerts) => new(evalTime, alert, alerts);

    /// <summary>No alert named <paramref name="alert"/> fires at any of <paramref name="evalTimes"/>.</summary>
    public static IEnumerable<AlertRuleTest> Never(string alert, params string[] evalTimes) => evalTimes.Select(t => At(t, alert));

    public static async Task PassesAsync(params PromtoolTestCase[] cases)
    {
        var promtool = RequiredBinaries.PromtoolOrSkip();
        using var workspace = new RuleTestWorkspace(Rules);
        var result = await workspace.TestAsync(promtool, cases);
        Assert.True(result.Succeeded, result.Describe("promtool test rules"));
    }
}
