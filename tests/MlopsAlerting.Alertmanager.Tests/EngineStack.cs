using System.Text.Json;
using YamlDotNet.Serialization;

namespace MlopsAlerting.Alertmanager.Tests;

/// <summary>A committed stack file as the Pulumi engine hands it to the program: one string per key, structures as JSON.</summary>
internal static class EngineStack
{
    public static Dictionary<string, string> Raw(string stack)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot.Path, $"Pulumi.{stack}.yaml"));
        var document = new DeserializerBuilder().Build().Deserialize<Dictionary<string, Dictionary<string, object>>>(text);
        return document["config"].ToDictionary(
            e => e.Key["mlops-alerting:".Length..],
            e => e.Value is string s ? s : JsonSerializer.Serialize(e.Value));
    }
}
