namespace MlopsAlerting.Core.Config;

/// <summary>
/// One user mistake in a stack's configuration: the file, the key, what is wrong and the fix.
/// <see cref="ToString"/> is the one line a user reads. A problem text never carries a secret value.
/// </summary>
public sealed record SettingsError(string File, string Key, string Problem, string Fix, SourceMark? Mark = null)
{
    /// <summary>The key, with anything that looks like a Slack webhook masked.</summary>
    public string Key { get; } = WebhookRedaction.Redact(Key);

    /// <summary>The problem, with anything that looks like a Slack webhook masked (a webhook pasted into a non-secret key is echoed nowhere).</summary>
    public string Problem { get; } = WebhookRedaction.Redact(Problem);

    public override string ToString()
    {
        var where = Mark is null ? File : $"{File}:{Mark}";
        var key = Key.Length == 0 ? string.Empty : $" {Key}:";
        return $"{where}:{key} {Problem}. Fix: {Fix}";
    }
}
