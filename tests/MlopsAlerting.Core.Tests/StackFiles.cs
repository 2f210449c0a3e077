using MlopsAlerting.Core.Config;
using MlopsAlerting.Core.Settings;

namespace MlopsAlerting.Core.Tests;

/// <summary>Reads the committed stack files, or a stack file written by a test.</summary>
internal static class StackFiles
{
    public static StackSettings Committed(string stack) => SettingsBinder.Bind(StackFileReader.Read(RepositoryRoot.Path, stack));

    /// <summary>Binds a stack file's text; the file name is Pulumi.test.yaml.</summary>
    public static StackSettings Bind(string yaml) => SettingsBinder.Bind(StackFileReader.Parse("test", "Pulumi.test.yaml", yaml));

    /// <summary>The errors a stack file's text gives; fails when it binds.</summary>
    public static IReadOnlyList<SettingsError> Errors(string yaml)
    {
        var e = Assert.Throws<SettingsException>(() => Bind(yaml));
        return e.Errors;
    }

    /// <summary>A valid minimal stack file with one extra block of YAML under config.</summary>
    public static string With(string configLines) => "config:\n  mlops-alerting:environment: Test\n" + configLines;
}
