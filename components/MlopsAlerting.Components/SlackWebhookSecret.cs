using MlopsAlerting.Core.Settings;
using MlopsAlerting.Core.Workload;
using Pulumi;
using Pulumi.Kubernetes.Types.Inputs.Core.V1;
using Secret = Pulumi.Kubernetes.Core.V1.Secret;

namespace MlopsAlerting.Components;

/// <summary>
/// The Secret holding one file per channel role (<c>all</c>, <c>critical</c>, <c>warning</c>), each the
/// Slack webhook of that role's channel; Alertmanager reads it through <c>api_url_file</c> on every
/// notification, so a rotated webhook takes effect without a restart. In Slack app mode it holds the bot
/// token alone (<c>bot-token</c>), read through <c>http_config.authorization.credentials_file</c> on every
/// notification likewise. Every value enters Pulumi as a
/// secret and the Secret's <c>data</c> and <c>stringData</c> are secret outputs, so state, previews
/// and outputs only ever show <c>[secret]</c>.
/// </summary>
public sealed class SlackWebhookSecret : ComponentResource
{
    /// <summary>The Secret's outputs that hold webhook text.</summary>
    public static readonly IReadOnlyList<string> SecretOutputs = ["data", "stringData"];

    public SlackWebhookSecret(string name, SlackWebhookSecretArgs args, ComponentResourceOptions? options = null)
        : base(ComponentTypes.SlackWebhookSecret, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var data = new InputMap<string>();
        if (args.BotToken is { } token)
        {
            if (token.State != WebhookState.Provided || token.Value is null)
            {
                throw new ArgumentException("The bot token is not provided; check DeployRequirements before declaring the Secret.", nameof(args));
            }

            data.Add(SlackBotToken.FileName, Output.CreateSecret(token.Value.Reveal()));
        }
        else
        {
            var missing = args.Webhooks.ByRole.Values.Where(w => w.State != WebhookState.Provided || w.Value is null).Select(w => w.Role.Key()).ToList();
            if (missing.Count > 0)
            {
                throw new ArgumentException($"The webhooks of {string.Join(", ", missing)} are not provided; check DeployRequirements before declaring the Secret.", nameof(args));
            }

            foreach (var role in ChannelRoles.Every)
            {
                data.Add(role.Key(), Output.CreateSecret(args.Webhooks.ByRole[role].Value!.Reveal()));
            }
        }

        if (args.Heartbeat is { IsSet: true } heartbeat)
        {
            if (heartbeat.State != WebhookState.Provided || heartbeat.Value is null)
            {
                throw new ArgumentException("The heartbeat URL is not provided; check DeployRequirements before declaring the Secret.", nameof(args));
            }

            data.Add(HeartbeatUrl.FileName, Output.CreateSecret(heartbeat.Value.Reveal()));
        }

        var secret = new Secret(name, new SecretArgs
        {
            Metadata = ObjectMetadata.Of(args.BotToken is null ? WorkloadNames.WebhookSecret : WorkloadNames.BotTokenSecret, args.Namespace, args.Labels),
            Type = "Opaque",
            StringData = data,
        }, new CustomResourceOptions { Parent = this, AdditionalSecretOutputs = [.. SecretOutputs] });

        SecretName = secret.Metadata.Apply(m => m.Name);
        IReadOnlyList<string> slackKeys = args.BotToken is null ? [.. ChannelRoles.Every.Select(r => r.Key())] : [SlackBotToken.FileName];
        Keys = args.Heartbeat is { IsSet: true } ? [.. slackKeys, HeartbeatUrl.FileName] : slackKeys;
        RegisterOutputs(new Dictionary<string, object?> { ["secretName"] = SecretName });
    }

    /// <summary>The Secret's name.</summary>
    public Output<string> SecretName { get; }

    /// <summary>The Secret's keys (one per role, or the bot token's): the file names under the mount path.</summary>
    public IReadOnlyList<string> Keys { get; }
}
