using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace MlopsAlerting.Rules.Tests;

/// <summary>A <c>promtool test rules</c> file: the rule files under test and the test cases run against them.</summary>
/// <param name="RuleFiles">Rule files, relative to this file.</param>
/// <param name="EvaluationInterval">How often the rules are evaluated, e.g. <c>1m</c>.</param>
/// <param name="Tests">The test cases.</param>
internal sealed record PromtoolTestFile(IReadOnlyList<string> RuleFiles, string EvaluationInterval, IReadOnlyList<PromtoolTestCase> Tests)
{
    private static readonly ISerializer Serializer = new SerializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .WithQuotingNecessaryStrings(quoteYaml1_1Strings: true)
        .DisableAliases()
        .Build();

    /// <summary>The file's YAML; keys in promtool's snake_case.</summary>
    public string ToYaml() => Serializer.Serialize(this);
}
