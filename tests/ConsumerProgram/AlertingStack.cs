using MlopsAlerting.Components;
using Pulumi;
using Pulumi.Kubernetes;

namespace ConsumerProgram;

/// <summary>What the program declares: its own cluster provider and the alerting as one component.</summary>
public static class AlertingStack
{
    /// <summary>The settings under the stack's <c>mlops-alerting:</c> keys, as the mlops-alerting stack reads them.</summary>
    public const string FromStackConfig = "stack-config";

    /// <summary>Two environments in one program, their settings held in code.</summary>
    public const string FromValues = "values";

    public static IDictionary<string, object?> Declare(string mode)
    {
        var provider = new Provider("cluster", AlertingKubernetesProvider.Args());
        var options = new ComponentResourceOptions { Providers = { provider } };
        if (mode == FromStackConfig)
        {
            var alerting = new ModelAlerting("mlops-alerting", new ModelAlertingArgs { Settings = AlertingSettings.FromStackConfig() }, options);
            return alerting.StackOutputs;
        }

        var outputs = new Dictionary<string, object?>();
        foreach (var region in new[] { "eu", "us" })
        {
            var settings = AlertingSettings.FromValues(
                "prod",
                new Dictionary<string, object?>
                {
                    ["namespace"] = $"ml-{region}",
                    ["environment"] = $"prod-{region}",
                    ["alertmanager"] = new { replicas = 3, externalUrl = $"https://alertmanager.{region}.example.com" },
                    ["slackWebhooks"] = new Dictionary<string, string>
                    {
                        ["all"] = $"https://hooks.slack.com/services/T000/B001/{region}all",
                        ["critical"] = $"https://hooks.slack.com/services/T000/B002/{region}critical",
                        ["warning"] = $"https://hooks.slack.com/services/T000/B003/{region}warning",
                    },
                },
                secretKeys: ["slackWebhooks"],
                source: "AlertingStack.cs");
            var alerting = new ModelAlerting(region, new ModelAlertingArgs { Settings = settings, NamePrefix = $"{region}-" }, options);
            outputs[$"{region}Namespace"] = alerting.Namespace;
            outputs[$"{region}InClusterUrl"] = alerting.StackOutputs["inClusterUrl"];
        }

        return outputs;
    }
}
