using System.Security.Cryptography;
using MlopsAlerting.Core.Config;
using MlopsAlerting.Core.Rules;
using MlopsAlerting.Core.Settings;
using MlopsAlerting.Core.Workload;
using MlopsAlerting.LocalRun;

namespace MlopsAlerting.Chain.Tests;

/// <summary>
/// One stack of a <see cref="SharedPrometheusStack"/>: its own real Alertmanager with basic auth running the stack's
/// rendered configuration, its own Slack stand-in and heartbeat stand-in, and its rule file (model and self-alert waits
/// shortened as in <see cref="SelfWatchStack"/>). Disposing stops them.
/// </summary>
internal sealed class SharedStackMember : IAsyncDisposable
{
    private SharedStackMember(StackSettings settings, SlackStandIn slack, HeartbeatStandIn heartbeat, string directory)
    {
        Settings = settings;
        Slack = slack;
        Heartbeat = heartbeat;
        RuleFile = Path.Combine(directory, $"{settings.Stack}-{ModelAlertRules.FileName}");
    }

    public StackSettings Settings { get; }

    /// <summary>The stack's identity, <c>namespace/stack</c>: the <c>mlops_stack</c> label of everything it renders.</summary>
    public string Identity => StackIdentity.Value(Settings);

    public SlackStandIn Slack { get; }

    public HeartbeatStandIn Heartbeat { get; }

    public LocalAlertmanager Alertmanager { get; private set; } = null!;

    public LocalWebConfig WebConfig { get; private set; } = null!;

    /// <summary>The rule file the shared Prometheus loads for this stack.</summary>
    public string RuleFile { get; }

    /// <summary>
    /// Starts the stack's Alertmanager, Slack and heartbeat stand-ins in <paramref name="directory"/>;
    /// <paramref name="settings"/> get the heartbeat stand-in's URL as their <c>heartbeatUrl</c>.
    /// </summary>
    public static async Task<SharedStackMember> StartAsync(StackSettings settings, AlertmanagerBinary binary, string directory, int scale, CancellationToken cancellationToken)
    {
        var slack = await SlackStandIn.StartAsync(new SlackStandInOptions { RateLimitPerWebhook = TimeSpan.FromSeconds(1) });
        var heartbeat = HeartbeatStandIn.Start();
        var member = new SharedStackMember(
            settings with { HeartbeatUrl = new HeartbeatUrl(WebhookState.Provided, new SecretText(heartbeat.PingUrl.ToString())) },
            slack,
            heartbeat,
            directory);
        try
        {
            await member.StartProcessesAsync(binary, directory, scale, cancellationToken);
            return member;
        }
        catch
        {
            await member.DisposeAsync();
            throw;
        }
    }

    /// <summary>What the shared <c>prometheus.yml</c> holds of this stack; <paramref name="withRules"/> false leaves its rule file out.</summary>
    public SharedPrometheusConfig.Stack PrometheusEntry(bool withRules)
    {
        var workload = AlertmanagerWorkload.From(Settings);
        return new SharedPrometheusConfig.Stack(
            PrometheusAlertingSnippet.Render(Settings, workload),
            AlertmanagerScrape.Render(Settings, workload),
            Alertmanager.BaseUrl.Authority,
            WebConfig.PasswordFile,
            withRules ? RuleFile : null);
    }

    public async ValueTask DisposeAsync()
    {
        if (Alertmanager is not null)
        {
            await Alertmanager.DisposeAsync();
        }

        await Heartbeat.DisposeAsync();
        await Slack.DisposeAsync();
    }

    private async Task StartProcessesAsync(AlertmanagerBinary binary, string directory, int scale, CancellationToken cancellationToken)
    {
        var stackDirectory = Path.Combine(directory, Settings.Stack);
        var local = await StandInConfiguration.WriteAsync(Settings, Slack, Path.Combine(stackDirectory, "alertmanager"), cancellationToken, heartbeat: Heartbeat.PingUrl);
        var credentials = new BasicAuthCredentials(Settings.Access.BasicAuth.Username, RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 32));
        WebConfig = await LocalWebConfig.WriteAsync(Path.Combine(stackDirectory, "basic-auth"), credentials, cancellationToken);
        Alertmanager = await LocalAlertmanager.StartAsync(
            new LocalAlertmanagerOptions
            {
                ConfigFile = local.ConfigFile,
                Binary = binary,
                ExternalUrl = Settings.Alertmanager.ExternalUrl,
                WebConfigFile = WebConfig.WebConfigFile,
                BasicAuth = credentials,
            },
            cancellationToken);

        // The whole rule file as the stack renders it; only the waits shortened: the model alerts' by scale, the
        // self-alerts' fixed ones through their timings (their delivery waits follow the shortened routing).
        var yaml = StackRules.Render(Settings, SelfAlertTimings.Prod.Scaled(scale)).Yaml;
        var modelAlerts = new HashSet<string>([ModelAlertRules.AlertName, ModelAlertRules.MissingAlertName], StringComparer.Ordinal);
        await File.WriteAllTextAsync(
            RuleFile,
            RuleFileTimings.Shorten(yaml, (alert, _, wait) => modelAlerts.Contains(alert) ? LocalPrometheusConfig.Seconds(AlertmanagerDuration.Parse(wait).Value / scale) : wait),
            cancellationToken);
    }
}
