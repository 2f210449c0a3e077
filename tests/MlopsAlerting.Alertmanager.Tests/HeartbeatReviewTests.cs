using MlopsAlerting.Core.Rules;
using MlopsAlerting.Core.Settings;
using MlopsAlerting.LocalRun.Tests;

namespace MlopsAlerting.Alertmanager.Tests;

/// <summary><c>review --out</c> and <c>--try</c> on a stack whose heartbeat URL is encrypted in the stack file: they work and never show it.</summary>
public sealed class HeartbeatReviewTests
{
    private const string Marker = "HEARTBEATCIPHERSENTINEL";

    [Fact(Timeout = 90_000)]
    public async Task Review_out_and_try_work_with_an_encrypted_heartbeat_url_and_never_show_it()
    {
        RequiredBinaries.AlertmanagerOrSkip();
        var ct = TestContext.Current.CancellationToken;
        var stackFile = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "Pulumi.dev.yaml"), ct)
            + $"  mlops-alerting:heartbeatUrl:\n    secure: v1:{Marker}==\n";
        using var project = new BadStackProject("hb", stackFile);

        var review = await ReviewCli.RunAsync(["hb", "--out", project.OutDirectory, "--project-dir", project.Directory], TimeSpan.FromSeconds(30), ct);
        var tryRun = await ReviewCli.RunAsync(["hb", "--try", "--project-dir", project.Directory], TimeSpan.FromSeconds(55), ct);

        Assert.True(review.Succeeded, review.StandardOutput + review.StandardError);
        Assert.True(tryRun.Succeeded, tryRun.StandardOutput + tryRun.StandardError);
        Assert.Contains($"| `{HeartbeatUrl.Key}` | set (encrypted in the stack file) |", review.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("| Alertmanager → Slack, every channel | `Heartbeat` held back", review.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"alert: {HeartbeatRule.AlertName}", await File.ReadAllTextAsync(Path.Combine(project.OutDirectory, ModelAlertRules.FileName), ct), StringComparison.Ordinal);
        foreach (var text in new[] { review.StandardOutput, review.StandardError, tryRun.StandardOutput, tryRun.StandardError }
            .Concat(Directory.GetFiles(project.OutDirectory).Select(File.ReadAllText)))
        {
            Assert.DoesNotContain(Marker, text, StringComparison.Ordinal);
        }
    }
}
