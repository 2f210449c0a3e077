using MlopsAlerting.Core.Config;
using MlopsAlerting.Core.Rules;
using MlopsAlerting.Core.Settings;

namespace MlopsAlerting.Rules.Tests;

/// <summary>The rules of the committed stacks, and of stack files written inline by a test.</summary>
internal static class RuleStacks
{
    public static StackSettings Committed(string stack) => SettingsBinder.Bind(StackFileReader.Read(RepositoryRoot.Path, stack));

    public static RenderedRules Render(string stack) => ModelAlertRules.Render(Committed(stack));

    /// <summary>Rules of a stack file's text; <paramref name="config"/> is the body under <c>config:</c>.</summary>
    public static RenderedRules RenderInline(string config) =>
        ModelAlertRules.Render(SettingsBinder.Bind(StackFileReader.Parse("test", "Pulumi.test.yaml", "config:\n" + config)));
}
