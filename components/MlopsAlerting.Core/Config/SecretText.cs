namespace MlopsAlerting.Core.Config;

/// <summary>
/// A secret string (a Slack webhook). It prints as <c>[secret]</c> wherever it is formatted, so
/// that a log line, an exception or a review can never show it by accident; only
/// <see cref="Reveal"/> gives the text, for the one place that must hold it (a Kubernetes Secret).
/// </summary>
public sealed class SecretText : IEquatable<SecretText>
{
    private readonly string _value;

    public SecretText(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>The plain text. Call it only to hand the value to a secret store.</summary>
    public string Reveal() => _value;

    public override string ToString() => "[secret]";

    public bool Equals(SecretText? other) => other is not null && string.Equals(_value, other._value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as SecretText);

    public override int GetHashCode() => _value.GetHashCode(StringComparison.Ordinal);
}
