namespace MlopsAlerting.Core.Settings;

/// <summary>What messages say and where they go.</summary>
/// <param name="Channels">The channel of each role.</param>
/// <param name="Owner">Who owns the alerts, shown in every message (e.g. <c>@ml-team</c> or <c>&lt;!subteam^ID&gt;</c>).</param>
/// <param name="GrafanaUrl">Target of the "View in Grafana" button.</param>
/// <param name="RunbookBaseUrl">Runbook of an alert without a <c>runbook_url</c> annotation: this URL, a slash and the alert name.</param>
/// <param name="Mode">Webhooks (one per channel) or a Slack app's bot token whose resolved messages edit the original.</param>
public sealed record SlackSettings(
    IReadOnlyDictionary<ChannelRole, string> Channels,
    string Owner,
    Uri GrafanaUrl,
    Uri? RunbookBaseUrl,
    SlackMode Mode = SlackMode.Webhooks)
{
    /// <summary>
    /// The folder of this project's runbook pages (<c>docsUrl</c> + <c>/runbooks</c>): an alert's runbook is
    /// <c>&lt;folder&gt;/&lt;AlertName&gt;.md</c> when <see cref="RunbookBaseUrl"/> is not set; null when neither is known.
    /// </summary>
    public Uri? RunbookPages { get; init; }
}
