using MlopsAlerting.LocalRun;
using YamlDotNet.RepresentationModel;

namespace MlopsAlerting.Chain.Tests;

/// <summary>
/// The <c>prometheus.yml</c> of the self-watch runs: the exporter, the stack's own Alertmanager scrape job and
/// <c>alerting:</c> section from its snippet (only targets and password file made local), Prometheus scraping itself as
/// its default configuration does, and the rule file (or none: the fault "rule file not loaded").
/// </summary>
internal static class SelfWatchPrometheusConfig
{
    public static string Write(string directory, string snippet, string scrapeFile, IReadOnlyList<string> alertmanagers, string passwordFile, string? ruleFile, string exporter, int prometheusPort, TimeSpan interval)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(scrapeFile));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var scrape = (YamlMappingNode)((YamlSequenceNode)root["scrape_configs"])[0];
        foreach (var key in scrape.Children.Keys.OfType<YamlScalarNode>().Where(k => k.Value!.EndsWith("_sd_configs", StringComparison.Ordinal) || k.Value == "static_configs").ToList())
        {
            scrape.Children.Remove(key);
        }

        scrape.Add("static_configs", Targets(alertmanagers));
        ((YamlMappingNode)scrape["basic_auth"]).Children["password_file"] = new YamlScalarNode(passwordFile);

        var every = LocalPrometheusConfig.Seconds(interval);
        var config = new YamlMappingNode
        {
            { "global", new YamlMappingNode { { "scrape_interval", every }, { "evaluation_interval", every } } },
            {
                "scrape_configs", new YamlSequenceNode(
                    new YamlMappingNode { { "job_name", LocalPrometheusConfig.ScrapeJob }, { "static_configs", Targets([exporter]) } },
                    scrape,
                    new YamlMappingNode { { "job_name", "prometheus" }, { "static_configs", Targets([$"127.0.0.1:{prometheusPort}"]) } })
            },
            { "alerting", LocalPrometheusConfig.LocalAlerting(snippet, alertmanagers, passwordFile) },
        };
        if (ruleFile is not null)
        {
            config.Add("rule_files", new YamlSequenceNode(new YamlScalarNode(Path.GetFullPath(ruleFile))));
        }

        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, ruleFile is null ? "prometheus-without-rules.yml" : "prometheus.yml");
        using var writer = new StreamWriter(path);
        new YamlStream(new YamlDocument(config)).Save(writer, assignAnchors: false);
        return path;
    }

    private static YamlSequenceNode Targets(IEnumerable<string> targets) =>
        new(new YamlMappingNode { { "targets", new YamlSequenceNode(targets.Select(t => new YamlScalarNode(t))) } });
}
