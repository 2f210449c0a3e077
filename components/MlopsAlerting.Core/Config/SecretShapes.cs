using System.Text.RegularExpressions;

namespace MlopsAlerting.Core.Config;

/// <summary>The kinds of secret a non-secret setting must never hold.</summary>
public enum SecretShape
{
    /// <summary>A Slack incoming webhook (<c>https://hooks.slack.com/services/...</c>, workflows, triggers).</summary>
    SlackWebhook,

    /// <summary>A Slack token: bot <c>xoxb-</c>, user <c>xoxp-</c>, app-level <c>xapp-</c> and the other <c>xox?-</c> kinds.</summary>
    SlackToken,

    /// <summary>A URL with a password in it: <c>scheme://user:password@host</c>.</summary>
    UrlCredentials,

    /// <summary>A dead man's switch ping URL (healthchecks.io <c>hc-ping.com/...</c>, Dead Man's Snitch <c>nosnch.in/...</c>).</summary>
    HeartbeatUrl,
}

/// <summary>
/// Recognises secrets pasted into a setting that is not secret (its value would reach a ConfigMap,
/// the review, logs and Slack messages), and masks them in any text a user, a log or CI may see.
/// </summary>
public static partial class SecretShapes
{
    [GeneratedRegex("hooks\\.slack(-gov)?\\.com/(services|workflows|triggers)/", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Webhook();

    // Whoever holds a ping URL can keep the switch quiet while the alerting is down.
    [GeneratedRegex("https?://(hc-ping\\.com|nosnch\\.in)/[^\\s'\"`]+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Heartbeat();

    [GeneratedRegex("\\bxox[abeoprs]-[A-Za-z0-9-]{6,}|\\bxapp-[0-9]-[A-Za-z0-9-]{6,}", RegexOptions.CultureInvariant)]
    private static partial Regex Token();

    // scheme://user:password@ where neither part holds a '/', '@' or space; the password is not empty.
    [GeneratedRegex("\\b[A-Za-z][A-Za-z0-9+.-]*://[^/@\\s:]*:[^/@\\s]+@", RegexOptions.CultureInvariant)]
    private static partial Regex Credentials();

    [GeneratedRegex("(?<scheme>\\b[A-Za-z][A-Za-z0-9+.-]*://)[^/@\\s:]*:[^/@\\s]+@", RegexOptions.CultureInvariant)]
    private static partial Regex CredentialsToMask();

    [GeneratedRegex("(?<kind>\\bxox[abeoprs]-|\\bxapp-)[A-Za-z0-9-]+", RegexOptions.CultureInvariant)]
    private static partial Regex TokenToMask();

    /// <summary>The kind of secret <paramref name="text"/> holds, or null when it holds none.</summary>
    public static SecretShape? Detect(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Webhook().IsMatch(text))
        {
            return SecretShape.SlackWebhook;
        }

        if (Token().IsMatch(text))
        {
            return SecretShape.SlackToken;
        }

        if (Heartbeat().IsMatch(text))
        {
            return SecretShape.HeartbeatUrl;
        }

        return Credentials().IsMatch(text) ? SecretShape.UrlCredentials : null;
    }

    /// <summary>What the value looks like, in words that never repeat it.</summary>
    public static string Describe(SecretShape shape) => shape switch
    {
        SecretShape.SlackWebhook => "holds a Slack webhook URL, which is a secret; the value is not shown",
        SecretShape.SlackToken => "holds a Slack token, which is a secret; the value is not shown",
        SecretShape.HeartbeatUrl => "holds a dead man's switch ping URL, which is a secret; the value is not shown",
        _ => "holds a URL with a user name and password in it, which is a secret; the value is not shown",
    };

    /// <summary>Where such a value belongs instead, and how to undo its exposure.</summary>
    public static string Fix(SecretShape shape, string path, string stack) => shape switch
    {
        SecretShape.SlackWebhook =>
            $"a webhook belongs only in the secret setting slackWebhooks.<all|critical|warning>: remove it from `{path}`, rotate it in Slack (it was in plain text), then run `pulumi config set --secret --path slackWebhooks.<role> '<webhook>' --stack {stack}`",
        SecretShape.HeartbeatUrl =>
            $"a ping URL belongs only in the secret setting heartbeatUrl: remove it from `{path}`, make a new ping URL in the outside service (it was in plain text), then run `{Settings.HeartbeatUrl.SetCommand(stack)}`",
        SecretShape.SlackToken =>
            $"this program needs no Slack token, only webhooks in the secret setting slackWebhooks.<all|critical|warning> (`pulumi config set --secret --path slackWebhooks.<role> '<webhook>' --stack {stack}`); remove it from `{path}` and revoke the token in Slack",
        _ =>
            $"write the URL in `{path}` without `user:password@`; Alertmanager's own login is access.basicAuth.enabled with a generated password kept secret by Pulumi (`pulumi stack output basicAuthPassword --show-secrets`), and change the exposed password",
    };

    /// <summary>Masks every webhook, token and URL password in <paramref name="text"/>.</summary>
    public static string Redact(string text)
    {
        var masked = Heartbeat().Replace(WebhookRedaction.Redact(text), "[redacted heartbeat URL]");
        masked = TokenToMask().Replace(masked, m => m.Groups["kind"].Value + "[redacted]");
        return CredentialsToMask().Replace(masked, m => m.Groups["scheme"].Value + "[redacted]@");
    }
}
