namespace MlopsAlerting.LocalRun.Tests;

public sealed class AmtoolCliTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new();

    [Fact(Timeout = 20_000)]
    public async Task Routes_test_lists_the_receivers_and_fails_when_verification_does_not_match()
    {
        using var deadline = TestDeadline.After(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);
        var amtool = RequiredBinaries.AmtoolOrSkip();
        await using var slack = await SlackStandIn.StartAsync();
        var config = _scratch.Write("alertmanager.yml", TestAlertmanagerConfig.RoutingTo(slack));
        var critical = new Dictionary<string, string> { ["alertname"] = "DiskFull", ["severity"] = "critical" };

        var resolved = await amtool.RoutesTestAsync(config, critical, null, deadline.Token);
        var verified = await amtool.RoutesTestAsync(config, critical, ["critical", "all"], deadline.Token);
        var mismatch = await amtool.RoutesTestAsync(config, critical, ["all"], deadline.Token);
        var fallback = await amtool.RoutesTestAsync(config, new Dictionary<string, string>(), null, deadline.Token);

        Assert.Equal(0, resolved.ExitCode);
        Assert.Equal(["critical", "all"], resolved.Receivers);
        Assert.True(verified.Succeeded, verified.Raw.ToString());
        Assert.Equal(1, mismatch.ExitCode);
        Assert.Equal(["critical", "all"], mismatch.Receivers);
        Assert.Contains("WARNING: Expected receivers did not match resolved receivers.", mismatch.Raw.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(["all"], fallback.Receivers);
    }

    [Fact(Timeout = 20_000)]
    public async Task Check_config_accepts_a_valid_file_and_explains_an_invalid_one()
    {
        using var deadline = TestDeadline.After(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);
        var amtool = RequiredBinaries.AmtoolOrSkip();
        await using var slack = await SlackStandIn.StartAsync();
        var valid = _scratch.Write("valid.yml", TestAlertmanagerConfig.RoutingTo(slack));
        var invalid = _scratch.Write("invalid.yml", "route:\n  receiver: missing\nreceivers:\n  - name: other\n");

        var ok = await amtool.CheckConfigAsync(valid, deadline.Token);
        var failed = await amtool.CheckConfigAsync(invalid, deadline.Token);

        Assert.True(ok.Succeeded, ok.ToString());
        Assert.Contains("SUCCESS", ok.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("FAILED: undefined receiver \"missing\" used in route", failed.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("critical,all\n", new[] { "critical", "all" })]
    [InlineData("all\nWARNING: Expected receivers did not match resolved receivers.\n", new[] { "all" })]
    [InlineData("", new string[0])]
    public void Parses_the_receivers_line(string standardOutput, string[] expected) =>
        Assert.Equal(expected, AmtoolCli.ParseReceivers(standardOutput));

    public void Dispose() => _scratch.Dispose();
}
