using MlopsAlerting.Core.Dashboard;
using MlopsAlerting.Core.Migration;
using MlopsAlerting.Core.Rendering;
using MlopsAlerting.Core.Rules;
using MlopsAlerting.Core.Settings;
using MlopsAlerting.Core.Workload;
using Pulumi;

namespace MlopsAlerting.Components;

/// <summary>
/// The whole model alerting of one environment, the one component a program declares: the namespace,
/// the Slack webhook Secret, the Alertmanager configuration, basic auth, the Alertmanager workload, its
/// NetworkPolicy, the model and self-alert rules, the Alertmanager scrape object and the Grafana dashboard, each a child of
/// this component. Its <see cref="StackOutputs"/> are the <c>mlops-alerting</c> stack's outputs; the
/// basic-auth password is a secret output.
/// <para>
/// Give it a Kubernetes provider through <c>Providers</c> in the options, made with
/// <see cref="AlertingKubernetesProvider.Args"/> (ConfigMaps and Secrets updated in place, see
/// <see cref="KubernetesProviderOptions"/>); without one the children use the default provider.
/// </para>
/// </summary>
public sealed class ModelAlerting : ComponentResource
{
    public ModelAlerting(string name, ModelAlertingArgs args, ComponentResourceOptions? options = null)
        : base(ComponentTypes.ModelAlerting, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var settings = args.Settings ?? throw new ArgumentException("ModelAlertingArgs.Settings is not set: use AlertingSettings.FromStackConfig() or AlertingSettings.FromValues(...).", nameof(args));
        var rules = StackRules.Render(settings);
        // The checks that read bound settings, again, whatever made them; then what a deployment needs (every secret set).
        var problems = SettingsBinder.Recheck(settings, rules).Concat(DeployRequirements.Check(settings)).ToList();
        if (problems.Count > 0)
        {
            // The same lines AlertingSettings gives, before any child exists.
            throw new RunException(new Core.Config.SettingsException(problems).Message);
        }

        var stack = settings.Stack;
        var prefix = args.NamePrefix;
        var rendered = AlertmanagerConfigRenderer.Render(settings);
        var workload = AlertmanagerWorkload.From(settings);
        var policyRules = NetworkPolicyRules.From(settings);
        var labels = StandardLabels.Of(stack, WorkloadNames.App);
        ComponentResourceOptions Child() => new()
        {
            Parent = this,
            Aliases = args.AliasFromStackRoot ? [new Alias { NoParent = true }] : [],
        };

        var ns = new MonitoringNamespace(prefix + "monitoring-namespace", new MonitoringNamespaceArgs
        {
            Name = settings.Namespace,
            Labels = StandardLabels.Common(stack),
            Annotations = GuideImport.AdoptedObjectAnnotations(settings),
        }, Child());

        var webhooks = new SlackWebhookSecret(prefix + WorkloadNames.SlackSecret(settings.Slack.Mode), new SlackWebhookSecretArgs
        {
            Namespace = ns.Name,
            Webhooks = settings.SlackWebhooks,
            BotToken = settings.Slack.Mode == SlackMode.App ? settings.SlackBotToken : null,
            Heartbeat = settings.HeartbeatUrl.IsSet ? settings.HeartbeatUrl : null,
            Access = settings.Access,
            Labels = labels,
        }, Child());

        var configuration = new AlertmanagerConfiguration(prefix + "alertmanager-config", new AlertmanagerConfigurationArgs
        {
            Namespace = ns.Name,
            Rendered = rendered,
            Labels = labels,
        }, Child());

        var basicAuth = settings.Access.BasicAuth.Enabled
            ? new AlertmanagerBasicAuth(prefix + "alertmanager-basic-auth", new AlertmanagerBasicAuthArgs
            {
                Namespace = ns.Name,
                Username = settings.Access.BasicAuth.Username,
                // In the stack's own namespace, wait for it to exist; elsewhere Prometheus's namespace exists already.
                PrometheusNamespace = settings.Access.BasicAuth.PrometheusSecret.Namespace == settings.Namespace
                    ? ns.Name
                    : settings.Access.BasicAuth.PrometheusSecret.Namespace,
                PrometheusSecretName = settings.Access.BasicAuth.PrometheusSecret.Name,
                Labels = labels,
            }, Child())
            : null;

        var alertmanager = new Alertmanager(prefix + "alertmanager", new AlertmanagerArgs
        {
            Namespace = ns.Name,
            Stack = stack,
            Workload = workload,
            AdoptedAnnotations = GuideImport.AdoptedObjectAnnotations(settings),
            ConfigMapName = configuration.ConfigMapName,
            WebhookSecretName = webhooks.SecretName,
            WebhookKeys = webhooks.Keys,
            WebConfigSecretName = basicAuth is null ? null : (Input<string>)basicAuth.SecretName,
            Ingress = IngressRoute.From(settings),
        }, Child());

        if (policyRules is not null)
        {
            _ = new AlertmanagerNetworkPolicy(prefix + "alertmanager-network-policy", new AlertmanagerNetworkPolicyArgs
            {
                Namespace = ns.Name,
                Rules = policyRules,
                Labels = labels,
            }, Child());
        }

        var ruleSet = new ModelAlertRuleSet(prefix + "mlops-model-alerts", new ModelAlertRuleSetArgs
        {
            Namespace = ns.Name,
            Rules = rules,
            Settings = settings.Rules,
            Labels = StandardLabels.Of(stack, "alert-rules"),
        }, Child());

        if (settings.Rules.Target == RuleTarget.PrometheusRule)
        {
            var monitorLabels = new Dictionary<string, string>(StandardLabels.Of(stack, "alertmanager-scrape"));
            foreach (var (key, value) in settings.Rules.Labels)
            {
                monitorLabels[key] = value;
            }

            var monitorNamespace = AlertmanagerScrape.PodMonitorNamespace(settings);
            _ = new AlertmanagerPodMonitor(prefix + "alertmanager-pod-monitor", new AlertmanagerPodMonitorArgs
            {
                Namespace = monitorNamespace == settings.Namespace ? ns.Name : monitorNamespace,
                Settings = settings,
                Workload = workload,
                Labels = monitorLabels,
            }, Child());
        }

        if (settings.Dashboard.Delivery != DashboardDelivery.None)
        {
            var dashboardNamespace = DashboardObject.Namespace(settings);
            _ = new ModelAlertingDashboard(prefix + "mlops-alerting-dashboard", new ModelAlertingDashboardArgs
            {
                Namespace = dashboardNamespace == settings.Namespace ? ns.Name : dashboardNamespace,
                Settings = settings,
            }, Child());
        }

        Namespace = ns.Name;
        ServiceName = alertmanager.ServiceName;
        BasicAuthPassword = basicAuth?.Password;
        StackOutputs = ModelAlertingOutputs.Of(settings, workload, ns, alertmanager, configuration, basicAuth, ruleSet);
        RegisterOutputs(StackOutputs);
    }

    /// <summary>The namespace Alertmanager runs in, known once it exists.</summary>
    public Output<string> Namespace { get; }

    /// <summary>The ClusterIP Service in front of the replicas (users and the UI; Prometheus discovers every replica itself).</summary>
    public Output<string> ServiceName { get; }

    /// <summary>The generated basic-auth password (a secret output), or null without basic auth.</summary>
    public Output<string>? BasicAuthPassword { get; }

    /// <summary>Every output of the <c>mlops-alerting</c> stack, by name (docs/prometheus.md, "Stack outputs").</summary>
    public IDictionary<string, object?> StackOutputs { get; }
}
