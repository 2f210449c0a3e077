using MlopsAlerting.Core.Config;

namespace MlopsAlerting.Core.Tests;

/// <summary>Feeds configuration the way the Pulumi engine hands it to the program.</summary>
internal static class EngineConfig
{
    public static StackConfig Read(string stack, IReadOnlyDictionary<string, string> raw, IReadOnlyCollection<string>? secretKeys = null) =>
        EngineConfigReader.Read(stack, k => raw.TryGetValue(k, out var v) ? v : null, k => secretKeys?.Contains(k) == true, raw.Keys);
}
