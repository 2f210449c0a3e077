namespace MlopsAlerting.Core.Config;

/// <summary>
/// The raw configuration of one stack: the values of the project's keys (without the
/// <c>mlops-alerting:</c> prefix), as read from <c>Pulumi.&lt;stack&gt;.yaml</c> or from the Pulumi engine.
/// </summary>
public sealed record StackConfig(string Stack, string FileName, IReadOnlyList<KeyValuePair<string, ConfigNode>> Values, IReadOnlyDictionary<string, SourceMark>? KeyMarks = null)
{
    /// <summary>
    /// The Pulumi ESC environments the stack file imports (its <c>environment:</c> list), in order: at
    /// <c>pulumi up</c> their <c>pulumiConfig</c> values arrive as configuration; offline they cannot be read.
    /// </summary>
    public IReadOnlyList<string> Environments { get; init; } = [];

    /// <summary>
    /// The docs folder of the repository the stack is deployed from (<see cref="RepositoryDocs"/>), the default of
    /// <c>docsUrl</c>; null when it is not known.
    /// </summary>
    public Uri? RepositoryDocsUrl { get; init; }

    /// <summary>The stack file's name for a stack, e.g. <c>Pulumi.prod.yaml</c>.</summary>
    public static string FileNameOf(string stack) => $"Pulumi.{stack}.yaml";
}
