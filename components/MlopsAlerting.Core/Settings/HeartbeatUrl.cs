using MlopsAlerting.Core.Config;

namespace MlopsAlerting.Core.Settings;

/// <summary>
/// The outside dead man's switch (<c>heartbeatUrl</c>): the URL Alertmanager posts the always-firing <c>Heartbeat</c>
/// to. It is a secret like the webhooks (whoever has it can keep the switch quiet), so it lives only in the Secret
/// Alertmanager mounts. <see cref="Value"/> is present only when <see cref="State"/> is <see cref="WebhookState.Provided"/>.
/// </summary>
public sealed record HeartbeatUrl(WebhookState State, SecretText? Value)
{
    /// <summary>The stack key.</summary>
    public const string Key = "heartbeatUrl";

    /// <summary>The file name of the URL in the mounted Secret, beside the webhook files.</summary>
    public const string FileName = "heartbeat-url";

    /// <summary>
    /// The oldest Alertmanager whose <c>webhook_configs</c> know <c>url_file</c>. Checked: amtool 0.25 refuses the field,
    /// 0.33.1 accepts it. Versions between were not run here; 0.27 is the oldest whose release notes we could read that
    /// also has <c>--enable-feature=receiver-name-in-metrics</c>, which the per-channel self-alert uses, so the floor is
    /// the one release known to have both rather than a guess at 0.26.
    /// </summary>
    public static readonly Version MinimumVersion = new(0, 27);

    /// <summary>No heartbeat: nothing outside the stack watches it.</summary>
    public static HeartbeatUrl Missing { get; } = new(WebhookState.Missing, null);

    /// <summary>Whether a heartbeat route, receiver and rule are rendered (set, even if only encrypted in a stack file).</summary>
    public bool IsSet => State != WebhookState.Missing;

    /// <summary>The exact command that sets the URL.</summary>
    public static string SetCommand(string stack) =>
        $"pulumi config set --secret {Key} 'https://hc-ping.com/<uuid>' --stack {stack}";
}
