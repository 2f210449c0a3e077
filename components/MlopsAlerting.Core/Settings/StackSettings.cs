namespace MlopsAlerting.Core.Settings;

/// <summary>
/// Everything a stack decides, validated. Built by <see cref="SettingsBinder"/> from a stack file or
/// from the Pulumi engine's configuration; both paths give equal settings for equal input.
/// <para>
/// Only the binder makes them: the constructor and every <c>init</c> accessor are internal, so a program
/// that uses the packages can neither construct settings nor change checked ones with <c>settings with { … }</c>
/// (which would skip the checks, e.g. the refusal of two replicas). This repository's own tests, tools and
/// benchmarks vary bound settings through <c>with</c>; they see the internals (MlopsAlerting.Core.csproj,
/// <c>InternalsVisibleTo</c>). <c>ModelAlerting</c> re-runs the checks that read bound settings
/// (<see cref="SettingsBinder.Recheck"/>) all the same.
/// </para>
/// </summary>
public sealed record StackSettings
{
    internal StackSettings(
        string stack,
        string @namespace,
        string environment,
        AlertmanagerSettings alertmanager,
        RoutingSettings routing,
        SlackSettings slack,
        SlackWebhooks slackWebhooks,
        AccessSettings access,
        RuleSettings rules,
        IReadOnlyList<ModelSettings> models,
        ClusterSettings cluster,
        SlackBotToken slackBotToken)
    {
        Stack = stack;
        Namespace = @namespace;
        Environment = environment;
        Alertmanager = alertmanager;
        Routing = routing;
        Slack = slack;
        SlackWebhooks = slackWebhooks;
        Access = access;
        Rules = rules;
        Models = models;
        Cluster = cluster;
        SlackBotToken = slackBotToken;
    }

    /// <summary>The stack's name (<c>dev</c>, <c>prod</c>).</summary>
    public string Stack { get; internal init; }

    /// <summary>The namespace Alertmanager runs in (<c>namespace</c>).</summary>
    public string Namespace { get; internal init; }

    /// <summary>The environment's name in messages and labels (<c>environment</c>).</summary>
    public string Environment { get; internal init; }

    /// <summary>The Alertmanager workload (<c>alertmanager</c>).</summary>
    public AlertmanagerSettings Alertmanager { get; internal init; }

    /// <summary>Grouping and timing of notifications (<c>routing</c>).</summary>
    public RoutingSettings Routing { get; internal init; }

    /// <summary>The Slack channels and mode (<c>slack</c>).</summary>
    public SlackSettings Slack { get; internal init; }

    /// <summary>The webhook of each channel role (<c>slackWebhooks</c>).</summary>
    public SlackWebhooks SlackWebhooks { get; internal init; }

    /// <summary>Who may reach Alertmanager and where it may go (<c>access</c>).</summary>
    public AccessSettings Access { get; internal init; }

    /// <summary>Where the rules go and how they are labelled (<c>rules</c>).</summary>
    public RuleSettings Rules { get; internal init; }

    /// <summary>The models watched (<c>models</c>).</summary>
    public IReadOnlyList<ModelSettings> Models { get; internal init; }

    /// <summary>The cluster's network family and DNS (<c>cluster</c>).</summary>
    public ClusterSettings Cluster { get; internal init; }

    /// <summary>The Slack app's bot token (<c>slackBotToken</c>), for app mode.</summary>
    public SlackBotToken SlackBotToken { get; internal init; }

    /// <summary>The heartbeat's timing (<c>heartbeat</c>).</summary>
    public HeartbeatSettings Heartbeat { get; internal init; } = HeartbeatSettings.Default;

    /// <summary>The outside dead man's switch (<c>heartbeatUrl</c>); missing means nothing outside watches the alerting.</summary>
    public HeartbeatUrl HeartbeatUrl { get; internal init; } = HeartbeatUrl.Missing;

    /// <summary>The timings of the Prometheus that sends the alerts (<c>prometheus</c>): they decide the start delay.</summary>
    public PrometheusTimings Prometheus { get; internal init; } = PrometheusTimings.Default;

    /// <summary>
    /// The Pulumi ESC environments the stack file imports (<c>environment:</c>). A secret the file lacks may come from
    /// them: the review says so instead of "missing"; <c>pulumi up</c> gets their values as configuration.
    /// </summary>
    public IReadOnlyList<string> EscEnvironments { get; internal init; } = [];

    /// <summary>How objects another tool wrote are taken over (<c>migration</c>).</summary>
    public MigrationSettings Migration { get; internal init; } = MigrationSettings.Default;

    /// <summary>How the stack's Grafana dashboard is delivered (<c>dashboard</c>).</summary>
    public DashboardSettings Dashboard { get; internal init; } = DashboardSettings.Default;
}
