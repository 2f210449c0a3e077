using System.Text.RegularExpressions;
using MlopsAlerting.Core.Config;
using MlopsAlerting.Core.Settings;

namespace MlopsAlerting.Alertmanager.Tests;

/// <summary>Every user mistake gives one clear line per error (file, position, key, problem, fix); the CLI exits 1 and writes nothing.</summary>
public sealed partial class MalformedSettingsTests
{
    private const string Stack = "bad";
    private const string FileName = "Pulumi.bad.yaml";

    [GeneratedRegex(@"^Pulumi\.bad\.yaml:\d+:\d+: (?<key>[^ ]+): (?<problem>.+)\. Fix: (?<fix>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex ErrorLine();

    [Theory]
    [MemberData(nameof(MalformedSettings.Names), MemberType = typeof(MalformedSettings))]
    public void Binder_names_the_file_position_key_and_fix_in_one_line(string name)
    {
        var (_, yaml, key, says) = MalformedSettings.Case(name);

        var e = Assert.Throws<SettingsException>(() => SettingsBinder.Bind(StackFileReader.Parse(Stack, FileName, MalformedSettings.StackFile(yaml))));

        Assert.NotEmpty(e.Errors);
        Assert.All(e.Errors, error =>
        {
            Assert.Equal(FileName, error.File);
            Assert.Equal(key, error.Key);
            Assert.NotNull(error.Mark);
            var line = error.ToString();
            Assert.DoesNotContain('\n', line);
            var parsed = ErrorLine().Match(line);
            Assert.True(parsed.Success, line);
            Assert.Equal(key, parsed.Groups["key"].Value);
            Assert.DoesNotContain(MalformedSettings.PlainWebhook, line, StringComparison.Ordinal);
        });
        Assert.Contains(e.Errors, error => error.ToString().Contains(says, StringComparison.Ordinal));
    }

    [Theory(Timeout = 30_000)]
    [MemberData(nameof(MalformedSettings.CliNames), MemberType = typeof(MalformedSettings))]
    public async Task Review_cli_prints_the_error_line_exits_1_and_writes_nothing(string name)
    {
        var (_, yaml, key, says) = MalformedSettings.Case(name);
        using var project = new BadStackProject(Stack, MalformedSettings.StackFile(yaml));

        var review = await ReviewCli.RunAsync([Stack, "--out", project.OutDirectory, "--project-dir", project.Directory], TimeSpan.FromSeconds(25), TestContext.Current.CancellationToken);

        Assert.Equal(1, review.ExitCode);
        Assert.Equal(string.Empty, review.StandardOutput);
        var lines = review.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("The stack configuration has ", lines[0], StringComparison.Ordinal);
        Assert.All(lines.Skip(1), line => Assert.Matches(ErrorLine(), line));
        Assert.Contains(lines, line => line.Contains($" {key}: ", StringComparison.Ordinal) && line.Contains(says, StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", review.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain(MalformedSettings.PlainWebhook, review.StandardError, StringComparison.Ordinal);
        Assert.True(project.NothingWritten);
    }

    [Theory(Timeout = 30_000)]
    [InlineData("bad indentation", "  mlops-alerting:routing:\n    groupWait: 30s\n   groupInterval: 5m\n", 5)]
    [InlineData("unclosed quote", "  mlops-alerting:slack:\n    owner: '@ml-team\n", 4)]
    public async Task Malformed_yaml_is_reported_with_line_and_column_and_no_stack_trace(string why, string yaml, int line)
    {
        using var project = new BadStackProject(Stack, MalformedSettings.StackFile(yaml));

        var review = await ReviewCli.RunAsync([Stack, "--out", project.OutDirectory, "--project-dir", project.Directory], TimeSpan.FromSeconds(25), TestContext.Current.CancellationToken);

        Assert.Equal(1, review.ExitCode);
        var error = review.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[1];
        Assert.Matches($@"^Pulumi\.bad\.yaml:{line}:\d+: the file is not valid YAML \(.+\)\. Fix: ", error);
        Assert.DoesNotContain("   at ", review.StandardError, StringComparison.Ordinal);
        Assert.True(project.NothingWritten, why);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_missing_stack_file_names_the_file_and_the_stacks_that_exist()
    {
        using var project = new BadStackProject(Stack, MalformedSettings.StackFile(string.Empty));

        var review = await ReviewCli.RunAsync(["staging", "--out", project.OutDirectory, "--project-dir", project.Directory], TimeSpan.FromSeconds(25), TestContext.Current.CancellationToken);

        Assert.Equal(1, review.ExitCode);
        Assert.Contains("Pulumi.staging.yaml: the stack file does not exist in ", review.StandardError, StringComparison.Ordinal);
        Assert.Contains("Fix: create it with `pulumi stack init staging` and set the stack's values, or pick an existing stack (bad)", review.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", review.StandardError, StringComparison.Ordinal);
        Assert.True(project.NothingWritten);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_stack_file_with_several_mistakes_lists_each_one_on_its_own_line()
    {
        var yaml = string.Concat(
            MalformedSettings.Case("unknown nested key").Yaml,
            MalformedSettings.Case("replicas zero").Yaml,
            MalformedSettings.Case("channel in upper case").Yaml,
            MalformedSettings.Case("webhook in plain text").Yaml,
            MalformedSettings.Case("duplicate model names").Yaml);
        using var project = new BadStackProject(Stack, MalformedSettings.StackFile(yaml));

        var review = await ReviewCli.RunAsync([Stack, "--out", project.OutDirectory, "--project-dir", project.Directory], TimeSpan.FromSeconds(25), TestContext.Current.CancellationToken);

        Assert.Equal(1, review.ExitCode);
        var lines = review.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("The stack configuration has 5 mistakes:", lines[0]);
        Assert.Equal(
            ["alertmanager.replicas", "models[1].name", "routing.groupWiat", "slack.channels.warning", "slackWebhooks.all"],
            lines.Skip(1).Select(l => ErrorLine().Match(l).Groups["key"].Value).Order(StringComparer.Ordinal));
        Assert.All(lines.Skip(1), line => Assert.Contains(". Fix: ", line, StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", review.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain(MalformedSettings.PlainWebhook, review.StandardError + review.StandardOutput, StringComparison.Ordinal);
        Assert.True(project.NothingWritten);
    }
}
