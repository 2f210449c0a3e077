using YamlDotNet.RepresentationModel;

namespace MlopsAlerting.LocalRun;

/// <summary>A rendered rule file with only the <c>for:</c> of its rules changed, so a local run takes seconds.</summary>
public static class RuleFileTimings
{
    /// <summary>Returns <paramref name="ruleFileYaml"/> with each rule's <c>for:</c> replaced by <paramref name="shorten"/>(alert, severity, for).</summary>
    /// <param name="ruleFileYaml">The rule file as rendered.</param>
    /// <param name="shorten">The new <c>for:</c> of a rule, from its alert name, its <c>severity</c> label and its <c>for:</c>.</param>
    public static string Shorten(string ruleFileYaml, Func<string, string, string, string> shorten)
    {
        ArgumentNullException.ThrowIfNull(shorten);
        var yaml = new YamlStream();
        yaml.Load(new StringReader(ruleFileYaml));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        foreach (var group in ((YamlSequenceNode)root["groups"]).OfType<YamlMappingNode>())
        {
            foreach (var rule in ((YamlSequenceNode)group["rules"]).OfType<YamlMappingNode>())
            {
                if (rule.Children.TryGetValue("for", out var wait))
                {
                    var severity = rule.Children.TryGetValue("labels", out var labels) && labels is YamlMappingNode map && map.Children.TryGetValue("severity", out var s) ? s.ToString() : string.Empty;
                    rule.Children["for"] = new YamlScalarNode(shorten(rule["alert"].ToString(), severity, wait.ToString()));
                }
            }
        }

        using var writer = new StringWriter();
        yaml.Save(writer, assignAnchors: false);
        return writer.ToString();
    }
}
