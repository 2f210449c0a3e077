namespace MlopsAlerting.Alertmanager.Tests;

/// <summary>
/// User mistakes in a stack file, one each: a name, the YAML lines under <c>config:</c>, the key the error must
/// name, and words the one-line error must say.
/// </summary>
internal static class MalformedSettings
{
    /// <summary>A plain-text webhook written into a stack file; no output may ever repeat it.</summary>
    public const string PlainWebhook = "https://hooks.slack.com/services/T0PLAIN/B0PLAIN/PlainTextSentinel4711";

    public static readonly IReadOnlyList<(string Name, string Yaml, string Key, string Says)> All =
    [
        ("unknown top-level key", "  mlops-alerting:routng:\n    groupWait: 30s\n", "routng", "did you mean `routing`?"),
        ("unknown nested key", "  mlops-alerting:routing:\n    groupWiat: 30s\n", "routing.groupWiat", "did you mean `routing.groupWait`?"),
        ("object given as a list", "  mlops-alerting:alertmanager: [a, b]\n", "alertmanager", "must be a map of keys, not a list"),
        ("list given as a value", "  mlops-alerting:routing:\n    groupBy: alertname\n", "routing.groupBy", "must be a list, not a value"),
        ("replicas as text", "  mlops-alerting:alertmanager:\n    replicas: three\n", "alertmanager.replicas", "'three' is not a whole number"),
        ("replicas zero", "  mlops-alerting:alertmanager:\n    replicas: 0\n", "alertmanager.replicas", "at least one Alertmanager must run"),
        ("replicas negative", "  mlops-alerting:alertmanager:\n    replicas: -2\n", "alertmanager.replicas", "at least one Alertmanager must run"),
        ("duration in words", "  mlops-alerting:routing:\n    groupWait: 30 seconds\n", "routing.groupWait", "is not an Alertmanager duration"),
        ("duration units out of order", "  mlops-alerting:routing:\n    groupInterval: 5m1h\n", "routing.groupInterval", "is not an Alertmanager duration"),
        ("groupInterval below groupWait", "  mlops-alerting:routing:\n    groupWait: 5m\n    groupInterval: 1m\n", "routing.groupInterval", "shorter than groupWait 5m"),
        ("repeatInterval below groupInterval", "  mlops-alerting:routing:\n    groupInterval: 10m\n    repeatInterval: 5m\n", "routing.repeatInterval", "shorter than groupInterval 10m"),
        ("zero groupInterval", "  mlops-alerting:routing:\n    groupWait: 10s\n    groupInterval: 0s\n", "routing.groupInterval", "is zero"),
        ("zero repeatInterval", "  mlops-alerting:routing:\n    repeatInterval: 0s\n", "routing.repeatInterval", "is zero"),
        ("groupBy with an invalid label", "  mlops-alerting:routing:\n    groupBy: [alertname, model-name]\n", "routing.groupBy", "'model-name' is not a Prometheus label name"),
        ("inhibitEqual empty", "  mlops-alerting:routing:\n    inhibitEqual: []\n", "routing.inhibitEqual", "one critical would mute every warning"),
        ("channel without #", "  mlops-alerting:slack:\n    channels:\n      all: ml-alerts\n", "slack.channels.all", "does not start with '#'"),
        ("channel with an unquoted # (a YAML comment)", "  mlops-alerting:slack:\n    channels:\n      all: #ml-alerts\n", "slack.channels.all", "quote it"),
        ("channel with a space", "  mlops-alerting:slack:\n    channels:\n      critical: '#ml alerts'\n", "slack.channels.critical", "contains a space"),
        ("channel in upper case", "  mlops-alerting:slack:\n    channels:\n      warning: '#ML-Alerts'\n", "slack.channels.warning", "is not a Slack channel name"),
        ("image without tag", "  mlops-alerting:alertmanager:\n    image: quay.io/prometheus/alertmanager\n", "alertmanager.image", "has no tag"),
        ("image latest", "  mlops-alerting:alertmanager:\n    image: quay.io/prometheus/alertmanager:latest\n", "alertmanager.image", "uses the tag `latest`"),
        ("image empty", "  mlops-alerting:alertmanager:\n    image: ''\n", "alertmanager.image", "is empty"),
        ("externalUrl not absolute", "  mlops-alerting:alertmanager:\n    externalUrl: alertmanager.example.com\n", "alertmanager.externalUrl", "is not an absolute http(s) URL"),
        ("grafanaUrl with ftp scheme", "  mlops-alerting:slack:\n    grafanaUrl: ftp://grafana.example.com\n", "slack.grafanaUrl", "is not an absolute http(s) URL"),
        ("owner empty", "  mlops-alerting:slack:\n    owner: ''\n", "slack.owner", "is empty"),
        ("webhook in plain text", $"  mlops-alerting:slackWebhooks:\n    all: {PlainWebhook}\n", "slackWebhooks.all", "is stored in plain text"),
        ("slackWebhooks as a list", "  mlops-alerting:slackWebhooks: [a, b]\n", "slackWebhooks", "must be a map of the roles"),
        ("basicAuth.enabled yes", "  mlops-alerting:access:\n    basicAuth:\n      enabled: yes\n", "access.basicAuth.enabled", "'yes' is not true or false"),
        ("username with a colon", "  mlops-alerting:access:\n    basicAuth:\n      username: 'ops:admin'\n", "access.basicAuth.username", "no ':'"),
        ("allowFrom namespace invalid", "  mlops-alerting:access:\n    networkPolicy:\n      allowFrom:\n        - namespace: Monitoring_NS\n", "access.networkPolicy.allowFrom[0].namespace", "'Monitoring_NS' is not a namespace name"),
        ("CIDR invalid", "  mlops-alerting:access:\n    networkPolicy:\n      slackEgressCidrs: [10.0.0.0/33]\n", "access.networkPolicy.slackEgressCidrs", "'10.0.0.0/33' is not a CIDR"),
        ("rules.target unknown", "  mlops-alerting:rules:\n    target: configmap\n", "rules.target", "'configmap' is not a rule target"),
        ("metric name invalid", "  mlops-alerting:rules:\n    metric: model-mae\n", "rules.metric", "is not a Prometheus metric name"),
        ("models as a map", "  mlops-alerting:models:\n    name: california-housing\n", "models", "must be a list of models"),
        ("model name invalid", "  mlops-alerting:models:\n    - name: California Housing\n", "models[0].name", "is not a usable model name"),
        ("maeCritical as text", "  mlops-alerting:models:\n    - name: a\n      maeCritical: high\n", "models[0].maeCritical", "'high' is not a number"),
        ("maeWarning not below maeCritical", "  mlops-alerting:models:\n    - name: a\n      maeCritical: 0.40\n      maeWarning: 0.40\n", "models[0].maeWarning", "below maeCritical"),
        ("warningFor below criticalFor", "  mlops-alerting:models:\n    - name: a\n      criticalFor: 15m\n      warningFor: 5m\n", "models[0].warningFor", "shorter than criticalFor 15m"),
        ("duplicate model names", "  mlops-alerting:models:\n    - name: a\n    - name: a\n", "models[1].name", "'a' is listed twice"),
        ("memory limit below request", "  mlops-alerting:alertmanager:\n    resources:\n      memoryRequest: 256Mi\n      memoryLimit: 128Mi\n", "alertmanager.resources.memoryLimit", "below the request 256Mi"),
        ("cpu quantity invalid", "  mlops-alerting:alertmanager:\n    resources:\n      cpuRequest: 100 millicores\n", "alertmanager.resources.cpuRequest", "is not a Kubernetes CPU quantity"),
        ("namespace invalid", "  mlops-alerting:namespace: Monitoring\n", "namespace", "'Monitoring' is not a Kubernetes namespace name"),
    ];

    /// <summary>The names of the cases run through the CLI too (the rest run through the binder only, for speed).</summary>
    public static readonly IReadOnlyList<string> ThroughTheCli =
    [
        "unknown nested key",
        "replicas as text",
        "groupInterval below groupWait",
        "channel with an unquoted # (a YAML comment)",
        "image latest",
        "webhook in plain text",
        "slackWebhooks as a list",
        "maeWarning not below maeCritical",
    ];

    public static TheoryData<string> Names() => [.. All.Select(c => c.Name)];

    public static TheoryData<string> CliNames() => [.. ThroughTheCli];

    public static (string Name, string Yaml, string Key, string Says) Case(string name) => All.Single(c => c.Name == name);

    /// <summary>A stack file: a valid minimal one plus the case's lines.</summary>
    public static string StackFile(string yaml) => "config:\n  mlops-alerting:environment: Test\n" + yaml;
}
