namespace MlopsAlerting.Core.Config;

/// <summary>
/// One user mistake in a stack's configuration: the file, the key, what is wrong and the fix.
/// <see cref="ToString"/> is the one line a user reads. A problem text never carries a secret value.
/// </summary>
public sealed record SettingsError(string File, string Key, string Problem, string Fix, SourceMark? Mark = null)
{
    /// <summary>The key on one line, with anything that looks like a secret masked (<see cref="SecretShapes.Redact"/>).</summary>
    public string Key { get; } = DisplayText.OneLine(SecretShapes.Redact(Key));

    /// <summary>The problem on one line, with anything that looks like a secret masked (a webhook, token or password pasted into a non-secret key is echoed nowhere).</summary>
    public string Problem { get; } = DisplayText.OneLine(SecretShapes.Redact(Problem));

    /// <summary>The fix on one line (written by the program: it may show a placeholder webhook such as https://hooks.slack.com/services/T.../B.../...).</summary>
    public string Fix { get; } = DisplayText.OneLine(Fix, 4 * DisplayText.MaxLength);

    /// <summary>The file name on one line.</summary>
    public string File { get; } = DisplayText.OneLine(File);

    public override string ToString()
    {
        var where = Mark is null ? File : $"{File}:{Mark}";
        var key = Key.Length == 0 ? string.Empty : $" {Key}:";
        return $"{where}:{key} {Problem}. Fix: {Fix}";
    }
}
