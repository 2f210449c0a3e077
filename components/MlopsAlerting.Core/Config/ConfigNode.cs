namespace MlopsAlerting.Core.Config;

/// <summary>
/// One value of a stack's configuration, as a tree. Both readers produce it: the YAML reader of
/// <c>Pulumi.&lt;stack&gt;.yaml</c> (with positions) and the Pulumi program's reader of the
/// engine's configuration (without). The binder turns it into <see cref="Settings.StackSettings"/>.
/// </summary>
public abstract record ConfigNode(SourceMark? Mark)
{
    /// <summary>A short name of the node's shape, used in error messages.</summary>
    public abstract string Shape { get; }
}

/// <summary>A plain scalar. <paramref name="Quoted"/> tells a YAML string apart from a bare word or number.</summary>
public sealed record ScalarNode(string Value, bool Quoted, SourceMark? Mark) : ConfigNode(Mark)
{
    public override string Shape => "a value";
}

/// <summary>A mapping; keys keep their order of appearance. <see cref="KeyMarks"/> holds where each key is written.</summary>
public sealed record MapNode(IReadOnlyList<KeyValuePair<string, ConfigNode>> Entries, SourceMark? Mark, IReadOnlyDictionary<string, SourceMark>? KeyMarks = null) : ConfigNode(Mark)
{
    public override string Shape => "a map";

    public SourceMark? KeyMark(string key) => KeyMarks is not null && KeyMarks.TryGetValue(key, out var mark) ? mark : this[key]?.Mark;

    public ConfigNode? this[string key] => Entries.FirstOrDefault(e => e.Key == key).Value;
}

/// <summary>A sequence.</summary>
public sealed record ListNode(IReadOnlyList<ConfigNode> Items, SourceMark? Mark) : ConfigNode(Mark)
{
    public override string Shape => "a list";
}

/// <summary>
/// A value Pulumi keeps encrypted. From a stack file it is <c>{secure: v1:...}</c> and its
/// plain text is unknown (<see cref="Value"/> is null); from the Pulumi engine it is decrypted.
/// Its <see cref="ToString"/> never shows the value.
/// </summary>
public sealed record SecretNode(SecretText? Value, SourceMark? Mark) : ConfigNode(Mark)
{
    public override string Shape => "a secret";
}
