namespace MlopsAlerting.LocalRun;

/// <summary>The alerts of the guide's step 5 and its model alert, as the local run and the tests post them.</summary>
public static class GuideAlerts
{
    public const string Model = "california-housing";

    /// <summary>The guide's test alert: a warning for california-housing.</summary>
    public static PostableAlert TestAlert() => new(
        new Dictionary<string, string> { ["alertname"] = "TestAlert", ["severity"] = "warning", ["model_name"] = Model },
        new Dictionary<string, string>
        {
            ["summary"] = "Test alert from Alertmanager",
            ["description"] = "This is a test alert to verify Slack integration",
        });

    /// <summary>A model alert as the rules fire it: MAE above the threshold.</summary>
    public static PostableAlert ModelPerformanceDegraded(string severity, string model = Model, string mae = "0.45", string threshold = "0.40", string? version = "v1.0")
    {
        var labels = new Dictionary<string, string> { ["alertname"] = "ModelPerformanceDegraded", ["severity"] = severity, ["model_name"] = model };
        if (version is not null)
        {
            labels["model_version"] = version;
        }

        return new PostableAlert(
            labels,
            new Dictionary<string, string>
            {
                ["summary"] = $"{model} MAE above {threshold}",
                ["description"] = $"Model {model} MAE is {mae}, above the {severity} threshold {threshold} for 5m.",
                ["mae_score"] = mae,
                ["threshold"] = threshold,
            });
    }
}
