using MlopsAlerting.Core.Rules;
using MlopsAlerting.Core.Workload;
using MlopsAlerting.LocalRun.Tests;

namespace MlopsAlerting.Alertmanager.Tests;

/// <summary>
/// <c>review --out</c> writes the scrape job the self-alerts need as its own file, which a prometheus.yml lists in
/// <c>scrape_config_files</c> beside its own scrape configs and the pasted alerting snippet; promtool accepts the whole.
/// </summary>
public sealed class PrometheusScrapeFileTests
{
    [Fact(Timeout = 60_000)]
    public async Task Prod_out_writes_a_scrape_file_that_promtool_accepts_beside_the_users_scrape_configs_and_the_snippet()
    {
        var ct = TestContext.Current.CancellationToken;
        // The user's prometheus.yml includes the scrape file through scrape_config_files, new in Prometheus 2.43.
        var promtool = await RequiredBinaries.PromtoolAtLeastOrSkipAsync(new Version(2, 43), "scrape_config_files (the scrape file beside the user's scrape configs)");
        using var scratch = new ScratchDirectory();
        var outDir = Path.Combine(scratch.Path, "out");

        var review = await ReviewCli.RunAsync(["prod", "--out", outDir], TimeSpan.FromSeconds(30), ct);

        Assert.True(review.Succeeded, review.StandardOutput + review.StandardError);
        var scrape = await File.ReadAllTextAsync(Path.Combine(outDir, AlertmanagerScrape.FileName), ct);
        Assert.StartsWith("scrape_configs:\n- job_name: mlops-alerting/monitoring/prod/alertmanager\n", scrape, StringComparison.Ordinal);
        Assert.DoesNotContain("password:", scrape, StringComparison.Ordinal);
        var snippet = await File.ReadAllTextAsync(Path.Combine(outDir, PrometheusAlertingSnippet.FileName), ct);
        var prometheusYml = scratch.Write("prometheus.yml",
            "global:\n  scrape_interval: 30s\n  evaluation_interval: 30s\n"
            + $"rule_files:\n  - {Path.Combine(outDir, ModelAlertRules.FileName)}\n"
            + $"scrape_config_files:\n  - {Path.Combine(outDir, AlertmanagerScrape.FileName)}\n"
            + "scrape_configs:\n  - job_name: models\n    static_configs:\n      - targets: ['model-exporter:8000']\n"
            + snippet);

        var check = await promtool.CheckConfigAsync(prometheusYml, ct);

        Assert.True(check.Succeeded, check.StandardOutput + check.StandardError);
    }
}
