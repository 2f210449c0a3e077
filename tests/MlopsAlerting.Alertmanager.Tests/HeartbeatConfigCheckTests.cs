using MlopsAlerting.Core.Config;
using MlopsAlerting.Core.Rendering;
using MlopsAlerting.Core.Settings;
using MlopsAlerting.LocalRun.Tests;

namespace MlopsAlerting.Alertmanager.Tests;

/// <summary>
/// A stack with a heartbeat renders a configuration amtool accepts from 0.27 on (a webhook receiver with
/// <c>url_file</c>), and that an older amtool refuses exactly there: why the settings refuse heartbeatUrl on older images.
/// </summary>
public sealed class HeartbeatConfigCheckTests
{
    [Theory(Timeout = 30_000)]
    [InlineData("dev")]
    [InlineData("prod")]
    public async Task Amtool_accepts_the_heartbeat_receiver_from_0_27_and_an_older_one_refuses_url_file(string stack)
    {
        var amtool = RequiredBinaries.AmtoolOrSkip();
        using var scratch = new ScratchDirectory();
        var text = File.ReadAllText(Path.Combine(RepositoryRoot.Path, $"Pulumi.{stack}.yaml")) + "  mlops-alerting:heartbeatUrl:\n    secure: v1:AAAAAAAAAAAAAAAAAAAAAAAAAAAA==\n";
        var settings = SettingsBinder.Bind(StackFileReader.Parse(stack, $"Pulumi.{stack}.yaml", text));
        AlertmanagerConfigRenderer.Render(settings, Path.Combine(scratch.Path, "secrets")).WriteTo(scratch.Path);
        var version = await amtool.VersionAsync(TestContext.Current.CancellationToken);

        var result = await amtool.CheckConfigAsync(Path.Combine(scratch.Path, ConfigLayout.ConfigFileName), TestContext.Current.CancellationToken);

        TestContext.Current.TestOutputHelper?.WriteLine($"amtool {version}: {result.StandardOutput}{result.StandardError}");
        if (version >= HeartbeatUrl.MinimumVersion)
        {
            Assert.True(result.Succeeded, result.StandardOutput + result.StandardError);
            // The three Slack receivers, the heartbeat and other-stacks.
            Assert.Contains(" - 5 receivers", result.StandardOutput, StringComparison.Ordinal);
        }
        else
        {
            Assert.False(result.Succeeded);
            Assert.Contains("url_file", result.StandardOutput + result.StandardError, StringComparison.Ordinal);
        }
    }
}
