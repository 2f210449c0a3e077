using MlopsAlerting.Core.Config;
using MlopsAlerting.Core.Settings;

namespace MlopsAlerting.Core.Tests.SharedPrometheus;

/// <summary>Stack files of a named stack written inline, as a project with several stacks holds them.</summary>
internal static class SharedStacks
{
    /// <summary>Binds <c>Pulumi.&lt;stack&gt;.yaml</c> whose body under <c>config:</c> is <paramref name="config"/>.</summary>
    public static StackSettings Bind(string stack, string config) =>
        SettingsBinder.Bind(StackFileReader.Parse(stack, $"Pulumi.{stack}.yaml", "config:\n" + config));

    /// <summary>A stack in <paramref name="ns"/> with basic auth, Prometheus in <c>monitoring</c>, and <paramref name="extra"/> config lines.</summary>
    public static StackSettings WithBasicAuth(string stack, string ns, string extra = "") => Bind(stack, $"""
          mlops-alerting:namespace: {ns}
          mlops-alerting:access:
            basicAuth:
              enabled: true
        {extra}
        """);
}
