using MlopsAlerting.Core.Rendering;
using MlopsAlerting.Core.Settings;
using MlopsAlerting.LocalRun.Tests;

namespace MlopsAlerting.Alertmanager.Tests;

/// <summary>Finding 1: the guide's file fails validation. Every stack's rendered files pass amtool, templates included.</summary>
public sealed class ConfigCheckTests
{
    [Theory(Timeout = 30_000)]
    [InlineData("dev")]
    [InlineData("prod")]
    public async Task Amtool_check_config_passes_for_the_rendered_configuration_and_its_templates(string stack)
    {
        var amtool = RequiredBinaries.AmtoolOrSkip();
        using var rendered = new RenderedStack(stack);

        var result = await amtool.CheckConfigAsync(rendered.ConfigFile, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.StandardOutput + result.StandardError);
        // The three Slack receivers and other-stacks, which has no integration.
        Assert.Contains(" - 4 receivers", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains(" - 1 inhibit rules", result.StandardOutput, StringComparison.Ordinal);
        // amtool parses the templates after listing them and prints a second SUCCESS for them.
        var templates = result.StandardOutput.IndexOf(" - 1 templates", StringComparison.Ordinal);
        Assert.True(templates > 0, result.StandardOutput);
        Assert.Contains("SUCCESS", result.StandardOutput[templates..], StringComparison.Ordinal);
    }

    [Theory(Timeout = 30_000)]
    [InlineData("dev")]
    [InlineData("prod")]
    public async Task Amtool_accepts_the_app_mode_configuration_from_0_32_and_an_older_one_refuses_update_message(string stack)
    {
        var amtool = RequiredBinaries.AmtoolOrSkip();
        using var rendered = new RenderedStack(stack, appMode: true);
        var version = await amtool.VersionAsync(TestContext.Current.CancellationToken);

        var result = await amtool.CheckConfigAsync(rendered.ConfigFile, TestContext.Current.CancellationToken);

        TestContext.Current.TestOutputHelper?.WriteLine($"amtool {version}: {result.StandardOutput}{result.StandardError}");
        if (version >= SlackModes.AppModeMinimumVersion)
        {
            Assert.True(result.Succeeded, result.StandardOutput + result.StandardError);
            Assert.Contains(" - 4 receivers", result.StandardOutput, StringComparison.Ordinal);
        }
        else
        {
            // Why the settings refuse slack.mode app with an image older than 0.32.
            Assert.False(result.Succeeded);
            Assert.Contains("update_message", result.StandardOutput + result.StandardError, StringComparison.Ordinal);
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task Amtool_really_parses_the_template_file_so_a_broken_template_fails_the_check()
    {
        var amtool = RequiredBinaries.AmtoolOrSkip();
        using var rendered = new RenderedStack("dev");
        var template = Path.Combine(rendered.Directory, ConfigLayout.TemplateFileName);
        await File.WriteAllTextAsync(template, rendered.Rendered.Files[ConfigLayout.TemplateFileName] + "\n{{ define \"unterminated\" }}{{ if }}\n", TestContext.Current.CancellationToken);

        var result = await amtool.CheckConfigAsync(rendered.ConfigFile, TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.Contains("FAILED", result.StandardOutput + result.StandardError, StringComparison.Ordinal);
    }
}
