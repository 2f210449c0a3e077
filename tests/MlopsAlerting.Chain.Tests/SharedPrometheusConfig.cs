using MlopsAlerting.LocalRun;
using YamlDotNet.RepresentationModel;

namespace MlopsAlerting.Chain.Tests;

/// <summary>
/// The <c>prometheus.yml</c> of one Prometheus that several stacks report to, as a platform team's shared Prometheus
/// runs: each stack's rule file, each stack's Alertmanager scrape job and <c>alerting.alertmanagers</c> entry as its
/// snippet renders them (only targets and password file made local, the <c>alert_relabel_configs</c> kept), Prometheus
/// scraping itself, and one exporter per namespace whose series carry that <c>namespace</c> label (what a pod monitor
/// adds), so that a stack's <c>rules.ownedSeries</c> can choose them.
/// </summary>
internal static class SharedPrometheusConfig
{
    /// <summary>One stack as the file names it.</summary>
    /// <param name="Snippet">The stack's <c>prometheus-alerting.yml</c> alerting section (<c>PrometheusAlertingSnippet.Render</c>).</param>
    /// <param name="Scrape">The stack's Alertmanager scrape job (<c>AlertmanagerScrape.Render</c>).</param>
    /// <param name="Alertmanager">Its local Alertmanager, <c>host:port</c>.</param>
    /// <param name="PasswordFile">The password Prometheus sends to that Alertmanager.</param>
    /// <param name="RuleFile">Its rule file, or null when the shared Prometheus does not load it.</param>
    public sealed record Stack(string Snippet, string Scrape, string Alertmanager, string PasswordFile, string? RuleFile);

    /// <summary>Writes <paramref name="fileName"/> into <paramref name="directory"/> and returns its path.</summary>
    public static string Write(string directory, string fileName, IReadOnlyList<Stack> stacks, IReadOnlyDictionary<string, string> exporters, int prometheusPort, TimeSpan interval)
    {
        var scrapes = new YamlSequenceNode();
        foreach (var (ns, target) in exporters)
        {
            scrapes.Add(new YamlMappingNode
            {
                { "job_name", $"{LocalPrometheusConfig.ScrapeJob}-{ns}" },
                { "static_configs", new YamlSequenceNode(new YamlMappingNode { { "targets", new YamlSequenceNode(new YamlScalarNode(target)) }, { "labels", new YamlMappingNode { { "namespace", ns } } } }) },
            });
        }

        foreach (var stack in stacks)
        {
            scrapes.Add(LocalScrape(stack));
        }

        scrapes.Add(new YamlMappingNode { { "job_name", "prometheus" }, { "static_configs", Targets([$"127.0.0.1:{prometheusPort}"]) } });

        var alertmanagers = new YamlSequenceNode();
        foreach (var stack in stacks)
        {
            foreach (var entry in (YamlSequenceNode)LocalPrometheusConfig.LocalAlerting(stack.Snippet, [stack.Alertmanager], stack.PasswordFile)["alertmanagers"])
            {
                alertmanagers.Add(entry);
            }
        }

        var every = LocalPrometheusConfig.Seconds(interval);
        var config = new YamlMappingNode
        {
            { "global", new YamlMappingNode { { "scrape_interval", every }, { "evaluation_interval", every } } },
            { "rule_files", new YamlSequenceNode(stacks.Where(s => s.RuleFile is not null).Select(s => new YamlScalarNode(Path.GetFullPath(s.RuleFile!)))) },
            { "scrape_configs", scrapes },
            { "alerting", new YamlMappingNode { { "alertmanagers", alertmanagers } } },
        };

        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, fileName);
        using var writer = new StreamWriter(path);
        new YamlStream(new YamlDocument(config)).Save(writer, assignAnchors: false);
        return path;
    }

    /// <summary>The stack's scrape job with its discovery replaced by the local Alertmanager and its password file by the local one.</summary>
    private static YamlMappingNode LocalScrape(Stack stack)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(stack.Scrape));
        var scrape = (YamlMappingNode)((YamlSequenceNode)((YamlMappingNode)yaml.Documents[0].RootNode)["scrape_configs"])[0];
        foreach (var key in scrape.Children.Keys.OfType<YamlScalarNode>().Where(k => k.Value!.EndsWith("_sd_configs", StringComparison.Ordinal) || k.Value == "static_configs").ToList())
        {
            scrape.Children.Remove(key);
        }

        scrape.Add("static_configs", Targets([stack.Alertmanager]));
        if (scrape.Children.TryGetValue("basic_auth", out var auth) && auth is YamlMappingNode basicAuth)
        {
            basicAuth.Children["password_file"] = new YamlScalarNode(stack.PasswordFile);
        }

        return scrape;
    }

    private static YamlSequenceNode Targets(IEnumerable<string> targets) =>
        new(new YamlMappingNode { { "targets", new YamlSequenceNode(targets.Select(t => new YamlScalarNode(t))) } });
}
