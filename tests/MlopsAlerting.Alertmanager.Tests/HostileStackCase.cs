namespace MlopsAlerting.Alertmanager.Tests;

/// <summary>
/// One hostile or mistaken stack file of the corpus: the stack name the review is run with, the
/// bytes of <c>Pulumi.&lt;stack&gt;.yaml</c> (null: the case lays out its project itself), and
/// what must happen: <see cref="Accepted"/>, or an error naming <see cref="Key"/> that says <see cref="Says"/>.
/// </summary>
internal sealed record HostileStackCase(string Name, string Stack, byte[]? Bytes, bool Accepted, string Key, string Says)
{
    /// <summary>Lays out anything beyond the stack file (e.g. a folder where the file should be); null for none.</summary>
    public Action<string>? Arrange { get; init; }

    public override string ToString() => Name;
}
