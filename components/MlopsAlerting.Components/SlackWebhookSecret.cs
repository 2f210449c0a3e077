using MlopsAlerting.Core.Config;
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
/// <para>
/// A value the program gave as a Pulumi output (<see cref="SecretText.IsPending"/>: another resource's output, a stack
/// reference's) goes in as that output, made secret whether or not it was; its text is checked as the binder checks a
/// known value once Pulumi knows it (<see cref="SettingsBinder.PendingSecretProblem"/>), and a bad one fails the
/// deployment naming the key, never the value.
/// </para>
/// </summary>
public sealed class SlackWebhookSecret : ComponentResource
{
    /// <summary>The Secret's outputs that hold webhook text.</summary>
    public static readonly IReadOnlyList<string> SecretOutputs = ["data", "stringData"];

    public SlackWebhookSecret(string name, SlackWebhookSecretArgs args, ComponentResourceOptions? options = null)
        : base(ComponentTypes.SlackWebhookSecret, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var access = args.Access;
        var data = new InputMap<string>();
        if (args.BotToken is { } token)
        {
            if (token.State != WebhookState.Provided || token.Value is null)
            {
                throw new ArgumentException("The bot token is not provided; check DeployRequirements before declaring the Secret.", nameof(args));
            }

            data.Add(SlackBotToken.FileName, SecretValue(SlackBotToken.Key, token.Value, access));
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
                data.Add(role.Key(), SecretValue($"slackWebhooks.{role.Key()}", args.Webhooks.ByRole[role].Value!, access));
            }
        }

        if (args.Heartbeat is { IsSet: true } heartbeat)
        {
            if (heartbeat.State != WebhookState.Provided || heartbeat.Value is null)
            {
                throw new ArgumentException("The heartbeat URL is not provided; check DeployRequirements before declaring the Secret.", nameof(args));
            }

            data.Add(HeartbeatUrl.FileName, SecretValue(HeartbeatUrl.Key, heartbeat.Value, access));
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

    // A known value enters Pulumi as a secret; a pending one is the program's output, checked once known and made secret.
    private static Output<string> SecretValue(string key, SecretText value, AccessSettings? access)
    {
        if (!value.IsPending)
        {
            return Output.CreateSecret(value.Reveal());
        }

        if (value.PendingValue is not Input<string> input)
        {
            throw new ArgumentException($"{key}: a pending secret's value must be a Pulumi Input<string>, not {value.PendingValue!.GetType().Name}.", nameof(value));
        }

        return input.Apply(text => SettingsBinder.PendingSecretProblem(key, value, text, access) is { } problem
            ? throw new RunException(new SettingsException([problem]).Message)
            : Output.CreateSecret(text));
    }
}
