using MlopsAlerting.Core.Settings;
using MlopsAlerting.Core.Tests.Settings;

namespace MlopsAlerting.Core.Tests.Heartbeat;

/// <summary>The prod stack as the Pulumi engine hands it over, with a heartbeat URL set as a secret.</summary>
internal static class HeartbeatStacks
{
    public const string Url = "https://hc-ping.com/0f0e0d0c-HEARTBEATSENTINEL";

    public static StackSettings Prod(string? url = Url, string? image = null, string? interval = null, bool networkPolicy = true)
    {
        var raw = EngineConfigReaderTests.AsEngineConfig("prod");
        if (image is not null)
        {
            raw["alertmanager"] = raw["alertmanager"].Replace("quay.io/prometheus/alertmanager:v0.34.0", image, StringComparison.Ordinal);
        }

        if (interval is not null)
        {
            raw["heartbeat"] = $$"""{"interval":"{{interval}}"}""";
        }

        if (!networkPolicy)
        {
            raw["access"] = """{"networkPolicy":{"enabled":false}}""";
        }

        List<string> secrets = [];
        if (url is not null)
        {
            raw[HeartbeatUrl.Key] = url;
            secrets.Add(HeartbeatUrl.Key);
        }

        return SettingsBinder.Bind(EngineConfig.Read("prod", raw, secrets));
    }
}
