using MlopsAlerting.Core.Config;

namespace MlopsAlerting.Core.Settings;

/// <summary>What differs between two single-secret keys (<c>heartbeatUrl</c>, <c>slackBotToken</c>): their words and their own check.</summary>
/// <param name="Key">The stack key.</param>
/// <param name="Noun">What the value is, for "must be one secret ...": <c>URL</c>, <c>token</c>.</param>
/// <param name="PlainHarm">What anyone who reads a plain-text value can do.</param>
/// <param name="ProblemFix">Where to get a good value, before "and run: ...".</param>
/// <param name="PlainFix">How to retire a leaked value, between the <c>pulumi config rm</c> and the set command.</param>
/// <param name="Problem">The value's own check; null when it is good.</param>
internal sealed record SingleSecretKey(string Key, string Noun, string PlainHarm, string ProblemFix, string PlainFix, Func<string, string?> Problem);

/// <summary>
/// Binds a key that holds one secret: unset or Pulumi's empty default is missing (not an error), an encrypted
/// value Pulumi did not decrypt is kept as encrypted, and a plain-text value is refused, since the stack file is
/// not secret.
/// </summary>
internal static class SingleSecretBinder
{
    public static (WebhookState State, SecretText? Value) Bind(BindingContext ctx, ConfigNode? node, string setCommand, SingleSecretKey key)
    {
        switch (node)
        {
            case null:
            case ScalarNode { Value: "" }:
                // Pulumi hands the program Pulumi.yaml's empty default when the key is not set.
                return (WebhookState.Missing, null);
            case SecretNode { Value: null }:
                return (WebhookState.Encrypted, null);
            case SecretNode { Value.IsPending: true, Value: var pending }:
                // Known when the program deploys; SettingsBinder.PendingSecretProblem checks it then.
                return (WebhookState.Provided, pending);
            case SecretNode { Value: { } secret } provided:
                if (key.Problem(secret.Reveal()) is { } problem)
                {
                    ctx.Error(key.Key, problem, $"{key.ProblemFix} and run: {setCommand}", provided);
                    return (WebhookState.Missing, null);
                }

                return (WebhookState.Provided, secret);
            case ScalarNode plain:
                ctx.Error(key.Key, $"is stored in plain text, so anyone who can read the stack file can {key.PlainHarm}", $"run `pulumi config rm {key.Key} --stack {ctx.Stack}`, {key.PlainFix}, then run: {setCommand}", plain);
                return (WebhookState.Missing, null);
            default:
                ctx.Error(key.Key, $"must be one secret {key.Noun}, not {node.Shape}", $"run: {setCommand}", node);
                return (WebhookState.Missing, null);
        }
    }
}
