namespace MlopsAlerting.LocalRun;

/// <summary>How to start a <see cref="LocalAlertmanager"/>.</summary>
public sealed record LocalAlertmanagerOptions
{
    /// <summary>The Alertmanager configuration file (<c>--config.file</c>).</summary>
    public required string ConfigFile { get; init; }

    /// <summary>The binaries to run; null (the default) uses <see cref="AlertmanagerBinary.Locate"/>.</summary>
    public AlertmanagerBinary? Binary { get; init; }

    /// <summary>The loopback address the web port listens on: 127.0.0.1 (the default), or ::1 for an IPv6 run.</summary>
    public string ListenAddress { get; init; } = "127.0.0.1";

    /// <summary>The HTTP port on <see cref="ListenAddress"/>; null (the default) picks a free one.</summary>
    public int? Port { get; init; }

    /// <summary><c>--web.external-url</c>; null (the default) means <c>http://127.0.0.1:&lt;port&gt;</c>.</summary>
    public Uri? ExternalUrl { get; init; }

    /// <summary>Clustering; null (the default) turns it off with an empty <c>--cluster.listen-address=</c>.</summary>
    public ClusterOptions? Cluster { get; init; }

    /// <summary><c>--web.config.file</c> (TLS or basic authentication), or null for none.</summary>
    public string? WebConfigFile { get; init; }

    /// <summary>Credentials sent on every API call, including the readiness probe, when the web config requires them.</summary>
    public BasicAuthCredentials? BasicAuth { get; init; }

    /// <summary>Whether to pass <c>--log.level=debug</c>.</summary>
    public bool DebugLog { get; init; }

    /// <summary>More arguments, appended last.</summary>
    public IReadOnlyList<string> ExtraArgs { get; init; } = [];

    /// <summary>How long to wait for <c>GET /-/ready</c> to answer 200; 15 seconds by default.</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How many lines of stdout and stderr <see cref="LocalAlertmanager.Logs"/> keeps (the most recent).</summary>
    public int MaxLogLines { get; init; } = 2000;
}
