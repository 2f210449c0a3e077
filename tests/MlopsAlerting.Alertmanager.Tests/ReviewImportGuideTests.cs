using System.Text.Json.Nodes;
using MlopsAlerting.Core.Migration;
using MlopsAlerting.LocalRun.Tests;

namespace MlopsAlerting.Alertmanager.Tests;

/// <summary><c>review prod --import-guide FILE</c>: the migration file for a team that ran the hand-run guide.</summary>
public sealed class ReviewImportGuideTests
{
    [Fact(Timeout = 60_000)]
    public async Task Import_guide_writes_the_import_file_and_prints_the_commands_in_order()
    {
        var ct = TestContext.Current.CancellationToken;
        using var scratch = new ScratchDirectory();
        var file = Path.Combine(scratch.Path, "guide-import.json");

        var review = await ReviewCli.RunAsync(["prod", "--import-guide", file], TimeSpan.FromSeconds(30), ct);

        Assert.True(review.Succeeded, review.StandardOutput + review.StandardError);
        var text = await File.ReadAllTextAsync(file, ct);
        var settings = Core.Settings.SettingsBinder.Bind(Core.Config.StackFileReader.Read(RepositoryRoot.Path, "prod"));
        Assert.Equal(GuideImport.Render(settings), text);
        var ids = JsonNode.Parse(text)!["resources"]!.AsArray().Where(r => r!["id"] is not null).Select(r => (string)r!["id"]!).ToList();
        Assert.Contains("monitoring/alertmanager-slack", ids);

        var output = review.StandardOutput;
        var import = output.IndexOf($"pulumi import --file {file} --protect=false --generate-code=false --stack prod", StringComparison.Ordinal);
        var preview = output.IndexOf("pulumi preview --diff --stack prod", StringComparison.Ordinal);
        var up = output.IndexOf("pulumi up --stack prod", StringComparison.Ordinal);
        Assert.True(import >= 0 && import < preview && preview < up, output);
    }

    [Fact(Timeout = 60_000)]
    public async Task Import_guide_without_a_file_name_is_a_usage_error()
    {
        var review = await ReviewCli.RunAsync(["prod", "--import-guide"], TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Equal(2, review.ExitCode);
        Assert.Contains("--import-guide needs a file name", review.StandardError, StringComparison.Ordinal);
    }
}
