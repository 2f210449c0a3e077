namespace MlopsAlerting.Core.Config;

/// <summary>
/// A secret string (a Slack webhook, the bot token, the heartbeat URL). It prints as <c>[secret]</c> wherever it is
/// formatted, so that a log line, an exception or a review can never show it by accident; only
/// <see cref="Reveal"/> gives the text, for the one place that must hold it (a Kubernetes Secret).
/// <para>
/// A <see cref="Pending"/> secret's text is not known when the settings are bound: the program gave it as a value
/// the deployment tool resolves when it deploys (in the Pulumi layer, an <c>Input&lt;string&gt;</c> such as another
/// resource's output). <see cref="PendingValue"/> is that tool's handle; the text's own checks run once it is known.
/// </para>
/// </summary>
public sealed class SecretText : IEquatable<SecretText>
{
    private readonly string? _value;

    public SecretText(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    private SecretText(object pendingValue, string source)
    {
        PendingValue = pendingValue;
        Source = source;
    }

    /// <summary>A secret known only when the program deploys.</summary>
    /// <param name="pendingValue">The deployment tool's handle for the value (the Pulumi layer's <c>Input&lt;string&gt;</c>).</param>
    /// <param name="source">Where it was given, for the messages of the checks that run once it is known.</param>
    public static SecretText Pending(object pendingValue, string source) =>
        new(pendingValue ?? throw new ArgumentNullException(nameof(pendingValue)), source ?? throw new ArgumentNullException(nameof(source)));

    /// <summary>True when the text is known only when the program deploys (<see cref="PendingValue"/>).</summary>
    public bool IsPending => PendingValue is not null;

    /// <summary>The deployment tool's handle for a pending secret; null when the text is known.</summary>
    public object? PendingValue { get; }

    /// <summary>Where a pending secret was given (e.g. the program's file); null when the text is known.</summary>
    public string? Source { get; }

    /// <summary>The plain text. Call it only to hand the value to a secret store; a pending secret has none yet.</summary>
    public string Reveal() => _value ?? throw new InvalidOperationException($"The secret given in {Source} is known only when the program deploys.");

    public override string ToString() => "[secret]";

    public bool Equals(SecretText? other) =>
        other is not null && string.Equals(_value, other._value, StringComparison.Ordinal) && ReferenceEquals(PendingValue, other.PendingValue);

    public override bool Equals(object? obj) => Equals(obj as SecretText);

    public override int GetHashCode() => _value?.GetHashCode(StringComparison.Ordinal) ?? System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(PendingValue!);
}
