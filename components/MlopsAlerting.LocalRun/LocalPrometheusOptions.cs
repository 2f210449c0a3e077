namespace MlopsAlerting.LocalRun;

/// <summary>How to start a <see cref="LocalPrometheus"/>.</summary>
public sealed record LocalPrometheusOptions
{
    /// <summary>The Prometheus configuration file (<c>--config.file</c>); relative rule files resolve against its folder.</summary>
    public required string ConfigFile { get; init; }

    /// <summary>The binary to run; null (the default) uses <see cref="PrometheusBinary.Locate"/>.</summary>
    public PrometheusBinary? Binary { get; init; }

    /// <summary>
    /// <c>--rules.alert.resend-delay</c>: how long Prometheus waits before sending a still-firing alert again; null keeps
    /// Prometheus's default (1m). A new, changed or resolved alert is sent at once either way.
    /// </summary>
    public TimeSpan? ResendDelay { get; init; }

    /// <summary>The web port, or null for a free one; a configuration that scrapes Prometheus itself needs it known up front.</summary>
    public int? Port { get; init; }

    /// <summary>More arguments, appended last.</summary>
    public IReadOnlyList<string> ExtraArgs { get; init; } = [];

    /// <summary>
    /// A resolv.conf for Prometheus alone (its DNS service discovery reads /etc/resolv.conf): it then runs under
    /// <c>unshare --mount</c> with this file bind-mounted there, which needs root. Null (the default) uses the machine's.
    /// </summary>
    public string? ResolvConf { get; init; }

    /// <summary>How long to wait for <c>GET /-/ready</c> to answer 200; 30 seconds by default.</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How many lines of stdout and stderr <see cref="LocalPrometheus.Logs"/> keeps (the most recent).</summary>
    public int MaxLogLines { get; init; } = 2000;
}
