using MlopsAlerting.Core.Rendering;
using MlopsAlerting.Core.Workload;
using Pulumi;
using Pulumi.Kubernetes.Types.Inputs.Core.V1;
using Pulumi.Random;
using Secret = Pulumi.Kubernetes.Core.V1.Secret;

namespace MlopsAlerting.Components;

/// <summary>
/// Basic auth on Alertmanager's web and API port: a generated password, and a Secret holding the
/// <c>--web.config.file</c> (<c>basic_auth_users</c> with the password's bcrypt hash) and the
/// Authorization header the exec probes send. Alertmanager re-reads the web config on every
/// request, so a new password needs no restart. A second Secret, in Prometheus's namespace, holds
/// the user name and the password for Prometheus: it mounts it at
/// <c>/etc/prometheus/secrets/&lt;name&gt;</c>, where the alerting snippet's <c>password_file</c> points
/// (or the operator's <c>basicAuth</c> reads its keys). The password is a secret everywhere it appears.
/// </summary>
public sealed class AlertmanagerBasicAuth : ComponentResource
{
    public AlertmanagerBasicAuth(string name, AlertmanagerBasicAuthArgs args, ComponentResourceOptions? options = null)
        : base(ComponentTypes.AlertmanagerBasicAuth, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        Username = args.Username;

        // Letters and digits only: 32 of them carry about 190 bits and survive every copy and paste.
        var password = new RandomPassword($"{name}-password", new RandomPasswordArgs { Length = 32, Special = false },
            new CustomResourceOptions { Parent = this, AdditionalSecretOutputs = ["result", "bcryptHash"] });
        Password = Output.CreateSecret(password.Result);

        var webConfig = Output.CreateSecret(password.BcryptHash.Apply(hash => WebConfig.Render(args.Username, hash)));
        var probeHeader = Output.CreateSecret(password.Result.Apply(p => WebConfig.ProbeHeader(args.Username, p)));
        var secret = new Secret($"{name}-web-config", new SecretArgs
        {
            Metadata = ObjectMetadata.Of(WorkloadNames.WebConfigSecret, args.Namespace, args.Labels),
            Type = "Opaque",
            StringData = new InputMap<string>
            {
                { ConfigLayout.WebConfigFileName, webConfig },
                { WebConfig.ProbeHeaderFileName, probeHeader },
            },
        }, new CustomResourceOptions { Parent = this, AdditionalSecretOutputs = [.. SlackWebhookSecret.SecretOutputs] });

        SecretName = secret.Metadata.Apply(m => m.Name);

        var forPrometheus = new Secret($"{name}-prometheus", new SecretArgs
        {
            Metadata = ObjectMetadata.Of(args.PrometheusSecretName, args.PrometheusNamespace, args.Labels),
            Type = "Opaque",
            StringData = new InputMap<string>
            {
                { PrometheusAlertingSnippet.UsernameKey, args.Username },
                { PrometheusAlertingSnippet.PasswordKey, Password },
            },
        }, new CustomResourceOptions { Parent = this, AdditionalSecretOutputs = [.. SlackWebhookSecret.SecretOutputs] });
        PrometheusSecret = Output.Tuple(forPrometheus.Metadata.Apply(m => m.Namespace), forPrometheus.Metadata.Apply(m => m.Name))
            .Apply(t => $"{t.Item1}/{t.Item2}");

        RegisterOutputs(new Dictionary<string, object?>
        {
            ["username"] = Username,
            ["password"] = Password,
            ["secretName"] = SecretName,
            ["prometheusSecret"] = PrometheusSecret,
        });
    }

    /// <summary>The user name.</summary>
    public string Username { get; }

    /// <summary>The generated password, always secret.</summary>
    public Output<string> Password { get; }

    /// <summary>The name of the Secret mounted at the web config directory.</summary>
    public Output<string> SecretName { get; }

    /// <summary>The Secret for Prometheus, as <c>namespace/name</c>.</summary>
    public Output<string> PrometheusSecret { get; }
}
