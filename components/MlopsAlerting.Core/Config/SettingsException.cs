namespace MlopsAlerting.Core.Config;

/// <summary>
/// The stack's configuration has mistakes; <see cref="Exception.Message"/> lists them all, one a
/// line. Callers print the message, never the stack trace: this is a user mistake, not a crash.
/// </summary>
public sealed class SettingsException : Exception
{
    public SettingsException(IReadOnlyList<SettingsError> errors)
        : base(Format(errors)) => Errors = errors;

    public IReadOnlyList<SettingsError> Errors { get; }

    private static string Format(IReadOnlyList<SettingsError> errors)
    {
        var head = errors.Count == 1 ? "The stack configuration has 1 mistake:" : $"The stack configuration has {errors.Count} mistakes:";
        return head + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e));
    }
}
