namespace MlopsAlerting.Components;

/// <summary>The Pulumi type tokens of this project's components (<c>package:module:Type</c>).</summary>
public static class ComponentTypes
{
    public const string ModelAlerting = "mlops-alerting:index:ModelAlerting";
    public const string MonitoringNamespace = "mlops-alerting:kubernetes:MonitoringNamespace";
    public const string SlackWebhookSecret = "mlops-alerting:kubernetes:SlackWebhookSecret";
    public const string AlertmanagerConfiguration = "mlops-alerting:kubernetes:AlertmanagerConfiguration";
    public const string AlertmanagerBasicAuth = "mlops-alerting:kubernetes:AlertmanagerBasicAuth";
    public const string Alertmanager = "mlops-alerting:kubernetes:Alertmanager";
    public const string AlertmanagerNetworkPolicy = "mlops-alerting:kubernetes:AlertmanagerNetworkPolicy";
    public const string ModelAlertRuleSet = "mlops-alerting:kubernetes:ModelAlertRuleSet";
    public const string AlertmanagerPodMonitor = "mlops-alerting:kubernetes:AlertmanagerPodMonitor";
    public const string ModelAlertingDashboard = "mlops-alerting:kubernetes:ModelAlertingDashboard";
}
