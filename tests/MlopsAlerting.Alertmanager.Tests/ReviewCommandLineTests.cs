namespace MlopsAlerting.Alertmanager.Tests;

/// <summary>The review's command line on System.CommandLine: today's options, help and exit codes (0 valid, 1 mistakes, 2 usage).</summary>
public sealed class ReviewCommandLineTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact(Timeout = 40_000)]
    public async Task Help_lists_every_option_and_exits_0()
    {
        var review = await ReviewCli.RunAsync(["--help"], Timeout, TestContext.Current.CancellationToken);

        Assert.Equal(0, review.ExitCode);
        foreach (var option in new[] { "<stack>", "--out <DIR>", "--secrets-dir <DIR>", "--try", "--project-dir <DIR>", "--import-guide <FILE>", "--compare <REF>" })
        {
            Assert.Contains(option, review.StandardOutput, StringComparison.Ordinal);
        }
    }

    [Theory(Timeout = 40_000)]
    [InlineData(new[] { "prod", "--bogus" }, "review: Unrecognized command or argument '--bogus'")]
    [InlineData(new[] { "--out", "x" }, "review: name the stack to review, e.g. prod")]
    [InlineData(new[] { "prod", "--out" }, "review: --out needs a folder")]
    [InlineData(new[] { "prod", "--compare" }, "review: --compare needs a git ref")]
    [InlineData(new[] { "prod", "dev" }, "review: Unrecognized command or argument 'dev'")]
    public async Task A_wrong_command_line_exits_2_with_a_one_line_reason_and_no_review(string[] args, string reason)
    {
        var review = await ReviewCli.RunAsync(args, Timeout, TestContext.Current.CancellationToken);

        Assert.Equal(2, review.ExitCode);
        Assert.Contains(reason, review.StandardError, StringComparison.Ordinal);
        Assert.Contains("Run `review --help` for the options.", review.StandardError, StringComparison.Ordinal);
        Assert.Equal(string.Empty, review.StandardOutput);
    }

    [Fact(Timeout = 40_000)]
    public async Task A_stack_with_mistakes_still_exits_1()
    {
        using var project = new BadStackProject("prod", "config:\n  mlops-alerting:alertmanager:\n    replicas: three\n");

        var review = await ReviewCli.RunAsync(["prod", "--project-dir", project.Directory], Timeout, TestContext.Current.CancellationToken);

        Assert.Equal(1, review.ExitCode);
        Assert.Contains("Pulumi.prod.yaml", review.StandardError, StringComparison.Ordinal);
    }
}
