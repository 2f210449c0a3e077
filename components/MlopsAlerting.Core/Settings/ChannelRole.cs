namespace MlopsAlerting.Core.Settings;

/// <summary>
/// The three Slack channels of the guide, by role. Each has its own webhook, because a Slack app's
/// webhook posts only to the channel it was created for.
/// </summary>
public enum ChannelRole
{
    /// <summary>Every alert, for the whole team (<c>#ml-alerts</c>).</summary>
    All,

    /// <summary>Critical alerts, for on-call (<c>#ml-alerts-critical</c>).</summary>
    Critical,

    /// <summary>Warnings, for ML engineers and DevOps (<c>#ml-alerts-warning</c>).</summary>
    Warning,
}

/// <summary>Names of <see cref="ChannelRole"/> as they appear in configuration keys and file names.</summary>
public static class ChannelRoles
{
    public static readonly IReadOnlyList<ChannelRole> Every = [ChannelRole.All, ChannelRole.Critical, ChannelRole.Warning];

    /// <summary>The key of a role: <c>all</c>, <c>critical</c>, <c>warning</c>.</summary>
    public static string Key(this ChannelRole role) => role switch
    {
        ChannelRole.All => "all",
        ChannelRole.Critical => "critical",
        ChannelRole.Warning => "warning",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    /// <summary>The Alertmanager receiver of a role, e.g. <c>slack-critical</c>.</summary>
    public static string Receiver(this ChannelRole role) => "slack-" + role.Key();
}
