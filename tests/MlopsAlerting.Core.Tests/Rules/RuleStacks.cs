using MlopsAlerting.Core.Config;
using MlopsAlerting.Core.Settings;

namespace MlopsAlerting.Core.Tests.Rules;

/// <summary>Settings of the committed stacks, and of stack files written inline by a test.</summary>
internal static class RuleStacks
{
    public static StackSettings Committed(string stack) => SettingsBinder.Bind(StackFileReader.Read(RepositoryRoot.Path, stack));

    /// <summary>Binds a stack file's text; <paramref name="config"/> is the body under <c>config:</c>.</summary>
    public static StackSettings Inline(string config) =>
        SettingsBinder.Bind(StackFileReader.Parse("test", "Pulumi.test.yaml", "config:\n" + config));
}
