using MlopsAlerting.Core.Settings;
using Pulumi;

namespace MlopsAlerting.Components;

/// <summary>Inputs of <see cref="SlackWebhookSecret"/>.</summary>
public sealed class SlackWebhookSecretArgs
{
    /// <summary>The namespace (an output of <see cref="MonitoringNamespace"/>).</summary>
    public required Input<string> Namespace { get; init; }

    /// <summary>
    /// The webhook of every role: decrypted, as Pulumi gave them from the stack's secret config, or pending (a Pulumi
    /// output the program gave to <see cref="AlertingSettings.FromValues"/>).
    /// </summary>
    public required SlackWebhooks Webhooks { get; init; }

    /// <summary>
    /// Slack app mode: the decrypted bot token. When set, the Secret holds only this token (key <c>bot-token</c>) and is
    /// named <see cref="MlopsAlerting.Core.Workload.WorkloadNames.BotTokenSecret"/>; <see cref="Webhooks"/> is not used.
    /// </summary>
    public SlackBotToken? BotToken { get; init; }

    /// <summary>The decrypted heartbeat URL, when set: one more key (<c>heartbeat-url</c>) in the same Secret and mount.</summary>
    public HeartbeatUrl? Heartbeat { get; init; }

    /// <summary>The stack's access settings: a heartbeat URL known only at deploy time is checked against the NetworkPolicy's one port.</summary>
    public AccessSettings? Access { get; init; }

    /// <summary>Labels of the Secret.</summary>
    public required IReadOnlyDictionary<string, string> Labels { get; init; }
}
