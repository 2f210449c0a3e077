namespace MlopsAlerting.Infra.Tests;

/// <summary>Type tokens the tests look for.</summary>
internal static class ResourceTypes
{
    public const string Namespace = "kubernetes:core/v1:Namespace";
    public const string Secret = "kubernetes:core/v1:Secret";
    public const string ConfigMap = "kubernetes:core/v1:ConfigMap";
    public const string ServiceAccount = "kubernetes:core/v1:ServiceAccount";
    public const string Service = "kubernetes:core/v1:Service";
    public const string Deployment = "kubernetes:apps/v1:Deployment";
    public const string StatefulSet = "kubernetes:apps/v1:StatefulSet";
    public const string Pdb = "kubernetes:policy/v1:PodDisruptionBudget";
    public const string NetworkPolicy = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
    public const string PrometheusRule = "kubernetes:monitoring.coreos.com/v1:PrometheusRule";
    public const string PodMonitor = "kubernetes:monitoring.coreos.com/v1:PodMonitor";
    public const string GrafanaDashboard = "kubernetes:grafana.integreatly.org/v1beta1:GrafanaDashboard";
    public const string Ingress = "kubernetes:networking.k8s.io/v1:Ingress";
    public const string KubernetesProvider = "pulumi:providers:kubernetes";
    public const string RandomPassword = "random:index/randomPassword:RandomPassword";
}
