using MlopsAlerting.LocalRun;

namespace MlopsAlerting.StormBenchmark;

/// <summary>One alert of a scenario: a model's alert of one name and severity.</summary>
internal sealed record ScenarioAlert(string Model, string Alertname, string Severity)
{
    public const string Performance = "ModelPerformanceDegraded";
    public const string DataDrift = "ModelDataDrift";

    /// <summary>The channels it belongs in: a critical in #ml-alerts and #ml-alerts-critical, a warning in #ml-alerts and #ml-alerts-warning.</summary>
    public IReadOnlyList<string> Channels => StormOutcome.ChannelsOf(Severity);

    /// <summary>As Prometheus posts it; its description names the model, so the guide's text (descriptions only) can be counted.</summary>
    public PostableAlert ToPostable()
    {
        var alert = GuideAlerts.ModelPerformanceDegraded(Severity, Model, mae: "0.45", threshold: Severity == "critical" ? "0.40" : "0.30");
        return Alertname == Performance
            ? alert
            : alert with
            {
                Labels = new Dictionary<string, string>(alert.Labels) { ["alertname"] = Alertname },
                Annotations = new Dictionary<string, string>(alert.Annotations) { ["description"] = $"Model {Model} input data drifted from its training data." },
            };
    }

    /// <summary>Whether a delivered message names this alert: its model under its severity, and its alert name.</summary>
    public bool NamedBy(SlackMessage? message) =>
        MessageContent.ModelSeverities(message).Contains((Model, Severity))
        && MessageContent.Visible(message).Contains(Alertname, StringComparison.Ordinal);

    public override string ToString() => $"{Model} {Alertname} {Severity}";
}
