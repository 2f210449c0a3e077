using MlopsAlerting.Core.Workload;

namespace MlopsAlerting.LocalRun;

/// <summary>
/// Basic auth for a local Alertmanager as the stack deploys it: the same <c>web.yml</c> (<see cref="WebConfig.Render"/>)
/// with the bcrypt hash of a password, and the plain password in a file, as Prometheus reads it through
/// <c>password_file</c>.
/// </summary>
/// <param name="WebConfigFile">The <c>--web.config.file</c>.</param>
/// <param name="PasswordFile">The file holding the plain password (what the Secret for Prometheus holds).</param>
/// <param name="Credentials">The user name and password, for API calls.</param>
public sealed record LocalWebConfig(string WebConfigFile, string PasswordFile, BasicAuthCredentials Credentials)
{
    /// <summary>Writes <c>web.yml</c> and <c>password</c> into <paramref name="directory"/> for <paramref name="credentials"/>.</summary>
    public static async Task<LocalWebConfig> WriteAsync(string directory, BasicAuthCredentials credentials, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        Directory.CreateDirectory(directory);
        var webConfig = Path.Combine(directory, "web.yml");
        var password = Path.Combine(directory, PrometheusAlertingSnippet.PasswordKey);
        await File.WriteAllTextAsync(webConfig, WebConfig.Render(credentials.Username, BcryptHash.Of(credentials.Password)), cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(password, credentials.Password, cancellationToken).ConfigureAwait(false);
        return new LocalWebConfig(webConfig, password, credentials);
    }
}
