using MlopsAlerting.Core.Config;
using MlopsAlerting.Core.Rules;
using MlopsAlerting.Core.Settings;
using YamlDotNet.Serialization;

namespace MlopsAlerting.Rules.Tests;

/// <summary>
/// The committed stacks, and prod with a heartbeat URL (encrypted in the stack file, so set but unknown), rendered as
/// the whole rule file; and the same file without annotations, for <c>promtool test rules</c> cases that check when an
/// alert fires and with which labels (the messages are checked in the chain tests).
/// </summary>
internal static class SelfAlertStacks
{
    private static readonly ISerializer Serializer = new SerializerBuilder()
        .WithQuotingNecessaryStrings(quoteYaml1_1Strings: true)
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull | DefaultValuesHandling.OmitEmptyCollections)
        .DisableAliases()
        .Build();

    /// <summary>The prod stack with <c>heartbeatUrl</c> set.</summary>
    public static StackSettings ProdWithHeartbeat()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "Pulumi.prod.yaml"))
            + "  mlops-alerting:heartbeatUrl:\n    secure: v1:AAAAAAAAAAAAAAAAAAAAAAAAAAAA==\n";
        return SettingsBinder.Bind(StackFileReader.Parse("prod", "Pulumi.prod.yaml", text));
    }

    /// <summary>The stack's rule file with every annotation left out.</summary>
    public static RenderedRules WithoutAnnotations(RenderedRules rules)
    {
        var groups = rules.Groups.Select(g => g with { Rules = [.. g.Rules.Select(r => r with { Annotations = new Dictionary<string, string>() })] }).ToList();
        return rules with { Text = new Lazy<string>(Serializer.Serialize(new PrometheusRuleFile(groups))), Groups = groups };
    }
}
