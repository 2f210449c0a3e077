using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MlopsAlerting.Infra.Tests;

/// <summary>
/// The configuration the Pulumi engine hands the program for a committed stack: every
/// <c>mlops-alerting:</c> key of <c>Pulumi.&lt;stack&gt;.yaml</c>, the defaults of <c>Pulumi.yaml</c>
/// for the others, one string per key with structured values as JSON text.
/// </summary>
internal sealed class EngineConfig
{
    public const string Prefix = "mlops-alerting:";

    public static readonly IReadOnlyDictionary<string, string> TestWebhooks = new Dictionary<string, string>
    {
        ["all"] = "https://hooks.slack.com/services/T000/B001/testwebhookall",
        ["critical"] = "https://hooks.slack.com/services/T000/B002/testwebhookcritical",
        ["warning"] = "https://hooks.slack.com/services/T000/B003/testwebhookwarning",
    };

    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    public HashSet<string> SecretKeys { get; } = new(StringComparer.Ordinal);

    /// <summary>The committed stack, with the three test webhooks set as one secret object (as <c>--secret --path</c> stores them).</summary>
    public static EngineConfig Committed(string stack) => FromStackText(File.ReadAllText(Path.Combine(RepositoryRoot.Path, $"Pulumi.{stack}.yaml")));

    /// <summary>What the engine hands the program for a stack file of this text: the project's defaults, then every key of the file (of any namespace), plus the test webhooks.</summary>
    public static EngineConfig FromStackText(string text)
    {
        var config = new EngineConfig();
        var project = Load(Path.Combine(RepositoryRoot.Path, "Pulumi.yaml"));
        foreach (var (key, value) in (YamlMappingNode)project["config"])
        {
            var spec = (YamlMappingNode)value;
            if (spec.Children.TryGetValue("default", out var fallback))
            {
                config.Values[Prefix + ((YamlScalarNode)key).Value] = Text(fallback);
            }
        }

        var file = LoadText(text);
        foreach (var (key, value) in (YamlMappingNode)file["config"])
        {
            config.Values[((YamlScalarNode)key).Value!] = Text(value);
        }

        config.SetSecret("slackWebhooks", JsonSerializer.Serialize(TestWebhooks));
        return config;
    }

    public EngineConfig SetSecret(string key, string value)
    {
        Values[Prefix + key] = value;
        SecretKeys.Add(Prefix + key);
        return this;
    }

    public EngineConfig Set(string key, string value)
    {
        Values[Prefix + key] = value;
        SecretKeys.Remove(Prefix + key);
        return this;
    }

    public EngineConfig Remove(string key)
    {
        Values.Remove(Prefix + key);
        SecretKeys.Remove(Prefix + key);
        return this;
    }

    /// <summary>Changes one child of a structured key, e.g. <c>("rules", "target", "prometheusRule")</c>.</summary>
    public EngineConfig SetPath(string key, string child, JsonNode value)
    {
        var node = JsonNode.Parse(Values.GetValueOrDefault(Prefix + key, "{}"))!.AsObject();
        node[child] = value;
        Values[Prefix + key] = node.ToJsonString();
        return this;
    }

    public string ConfigJson => JsonSerializer.Serialize(Values);

    public string SecretKeysJson => JsonSerializer.Serialize(SecretKeys.Order(StringComparer.Ordinal));

    private static YamlMappingNode Load(string path) => LoadText(File.ReadAllText(path));

    private static YamlMappingNode LoadText(string text)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(text));
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    private static string Text(YamlNode node) => node is YamlScalarNode scalar ? scalar.Value ?? string.Empty : Json(node)!.ToJsonString();

    private static JsonNode? Json(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, Json(c.Value)))),
        YamlSequenceNode list => new JsonArray([.. list.Children.Select(Json)]),
        YamlScalarNode { Style: ScalarStyle.Plain } s when s.Value is "true" or "false" => JsonValue.Create(s.Value == "true"),
        YamlScalarNode { Style: ScalarStyle.Plain } s when decimal.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
        YamlScalarNode s => JsonValue.Create(s.Value),
        _ => null,
    };
}
