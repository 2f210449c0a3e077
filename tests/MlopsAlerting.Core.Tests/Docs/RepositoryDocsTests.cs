using MlopsAlerting.Core.Config;
using MlopsAlerting.Core.Rules;
using MlopsAlerting.Core.Settings;

namespace MlopsAlerting.Core.Tests.Docs;

/// <summary>
/// Where an alert's runbook link points: <c>slack.runbookBaseUrl</c> when set, else <c>docsUrl</c>'s page, else the
/// docs folder of the clone's git remote <c>origin</c>.
/// </summary>
public class RepositoryDocsTests
{
    [Theory]
    [InlineData("https://github.com/acme-ml/mlops-alerting.git", "https://github.com/acme-ml/mlops-alerting/blob/HEAD/docs")]
    [InlineData("git@github.com:acme-ml/mlops-alerting.git", "https://github.com/acme-ml/mlops-alerting/blob/HEAD/docs")]
    [InlineData("ssh://git@github.com/acme-ml/mlops-alerting", "https://github.com/acme-ml/mlops-alerting/blob/HEAD/docs")]
    [InlineData("https://ci-token@gitlab.com/platform/ml/mlops-alerting.git", "https://gitlab.com/platform/ml/mlops-alerting/-/blob/HEAD/docs")]
    [InlineData("git@bitbucket.org:acme/mlops-alerting.git", "https://bitbucket.org/acme/mlops-alerting/src/HEAD/docs")]
    public void A_known_hosts_remote_gives_its_docs_folder_on_the_default_branch_without_credentials(string remote, string docs) =>
        Assert.Equal(docs, RepositoryDocs.FromRemote(remote)?.AbsoluteUri);

    [Theory]
    [InlineData("")]
    [InlineData("/srv/git/mlops-alerting")]
    [InlineData("https://git.internal.example/acme/mlops-alerting.git")]
    public void A_local_path_or_an_unknown_host_gives_none(string remote) => Assert.Null(RepositoryDocs.FromRemote(remote));

    [Fact]
    public void A_clone_whose_origin_is_on_github_links_each_alert_to_its_page_there()
    {
        var clone = Directory.CreateTempSubdirectory("mlops-docs-remote-").FullName;
        try
        {
            File.Copy(Path.Combine(RepositoryRoot.Path, "Pulumi.yaml"), Path.Combine(clone, "Pulumi.yaml"));
            File.WriteAllText(Path.Combine(clone, "Pulumi.test.yaml"), "config:\n  mlops-alerting:environment: Test\n");
            Git(clone, "init", "-q");
            Git(clone, "remote", "add", "origin", "git@github.com:acme-ml/mlops-alerting.git");

            var settings = SettingsBinder.Bind(StackFileReader.Read(clone, "test"));

            Assert.Equal("https://github.com/acme-ml/mlops-alerting/blob/HEAD/docs/runbooks/AlertmanagerTargetDown.md", ModelAlertRules.RunbookUrl(settings.Slack, SelfAlertRules.TargetDown));
        }
        finally
        {
            Directory.Delete(clone, recursive: true);
        }
    }

    [Fact]
    public void Slack_runbookBaseUrl_wins_over_docsUrl()
    {
        var settings = StackFiles.Bind(StackFiles.With("  mlops-alerting:docsUrl: https://docs.example.com/mlops\n  mlops-alerting:slack:\n    runbookBaseUrl: https://wiki.example.com/runbooks/\n"));
        var docsOnly = StackFiles.Bind(StackFiles.With("  mlops-alerting:docsUrl: https://docs.example.com/mlops/\n"));

        Assert.Equal("https://wiki.example.com/runbooks/ModelPerformanceDegraded", ModelAlertRules.RunbookUrl(settings.Slack, ModelAlertRules.AlertName));
        Assert.Equal("https://docs.example.com/mlops/runbooks/ModelPerformanceDegraded.md", ModelAlertRules.RunbookUrl(docsOnly.Slack, ModelAlertRules.AlertName));
    }

    [Fact]
    public void A_docsUrl_that_is_not_a_url_is_refused_with_the_key_and_the_fix()
    {
        var error = Assert.Single(StackFiles.Errors(StackFiles.With("  mlops-alerting:docsUrl: github.com/acme/mlops-alerting\n")));

        Assert.Equal("docsUrl", error.Key);
        Assert.Equal("Pulumi.test.yaml", error.File);
        Assert.Contains("https://", error.Fix, StringComparison.Ordinal);
    }

    private static void Git(string directory, params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-C");
        start.ArgumentList.Add(directory);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var git = System.Diagnostics.Process.Start(start)!;
        git.WaitForExit();
        Assert.Equal(0, git.ExitCode);
    }
}
