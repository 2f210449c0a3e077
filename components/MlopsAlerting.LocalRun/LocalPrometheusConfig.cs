using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace MlopsAlerting.LocalRun;

/// <summary>
/// A <c>prometheus.yml</c> for a <see cref="LocalPrometheus"/>: one scrape job for a loopback exporter, the stack's rule
/// file, and the stack's <c>alerting:</c> snippet (what users paste) with only its targets and password file replaced by
/// local ones. Everything else of the snippet (scheme, API version, path prefix, user name) stays as rendered.
/// </summary>
public static class LocalPrometheusConfig
{
    /// <summary>The name of the scrape job; alerts carry it as their <c>job</c> label.</summary>
    public const string ScrapeJob = "models";

    /// <summary>Writes <c>prometheus.yml</c> into <paramref name="directory"/> and returns its path.</summary>
    /// <param name="directory">Where to write it.</param>
    /// <param name="alertingSnippet">The stack's <c>alerting:</c> snippet.</param>
    /// <param name="alertmanagers">The local Alertmanagers, as <c>host:port</c>; every one gets every alert.</param>
    /// <param name="passwordFile">The local file holding the basic-auth password, or null when the snippet has no basic auth.</param>
    /// <param name="ruleFile">The rule file Prometheus evaluates.</param>
    /// <param name="scrapeTarget">The exporter, as <c>host:port</c>.</param>
    /// <param name="interval">Scrape and evaluation interval.</param>
    public static string Write(string directory, string alertingSnippet, IReadOnlyList<string> alertmanagers, string? passwordFile, string ruleFile, string scrapeTarget, TimeSpan interval)
    {
        var every = GoDuration.Format(interval);
        var root = new YamlMappingNode
        {
            { "global", new YamlMappingNode { { "scrape_interval", every }, { "evaluation_interval", every } } },
            { "rule_files", new YamlSequenceNode(new YamlScalarNode(Path.GetFullPath(ruleFile))) },
            {
                "scrape_configs", new YamlSequenceNode(new YamlMappingNode
                {
                    { "job_name", ScrapeJob },
                    { "static_configs", new YamlSequenceNode(new YamlMappingNode { { "targets", new YamlSequenceNode(new YamlScalarNode(scrapeTarget)) } }) },
                })
            },
            { "alerting", LocalAlerting(alertingSnippet, alertmanagers, passwordFile) },
        };
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "prometheus.yml");
        using var writer = new StreamWriter(path);
        new YamlStream(new YamlDocument(root)).Save(writer, assignAnchors: false);
        return path;
    }

    /// <summary>
    /// Writes <c>prometheus.yml</c> like <see cref="Write"/> but keeps the snippet's DNS service discovery (names and
    /// record type as rendered): only each <c>dns_sd_configs</c> entry's port becomes <paramref name="alertmanagerPort"/>
    /// and the password file the local one, so the run proves the discovery path itself (e.g. AAAA records on IPv6).
    /// </summary>
    /// <exception cref="InvalidOperationException">The snippet discovers no Alertmanager through DNS.</exception>
    public static string WriteWithDiscovery(string directory, string alertingSnippet, int alertmanagerPort, string? passwordFile, string ruleFile, string scrapeTarget, TimeSpan interval)
    {
        var path = Write(directory, alertingSnippet, ["placeholder:1"], passwordFile, ruleFile, scrapeTarget, interval);
        var yaml = new YamlStream();
        yaml.Load(new StringReader(alertingSnippet));
        var discovered = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["alerting"];
        var found = false;
        foreach (var entry in ((YamlSequenceNode)discovered["alertmanagers"]).OfType<YamlMappingNode>())
        {
            if (entry.Children.TryGetValue("dns_sd_configs", out var dns) && dns is YamlSequenceNode list)
            {
                foreach (var config in list.OfType<YamlMappingNode>())
                {
                    config.Children["port"] = new YamlScalarNode(alertmanagerPort.ToString(CultureInfo.InvariantCulture));
                    found = true;
                }
            }

            if (entry.Children.TryGetValue("basic_auth", out var auth) && auth is YamlMappingNode basicAuth && basicAuth.Children.ContainsKey("password_file"))
            {
                basicAuth.Children["password_file"] = new YamlScalarNode(passwordFile ?? throw new InvalidOperationException("The snippet reads a password file; give the local one."));
            }
        }

        if (!found)
        {
            throw new InvalidOperationException("The snippet discovers no Alertmanager through DNS (one replica uses a static target).");
        }

        var written = new YamlStream();
        written.Load(new StringReader(File.ReadAllText(path)));
        ((YamlMappingNode)written.Documents[0].RootNode).Children["alerting"] = discovered;
        using var writer = new StreamWriter(path);
        written.Save(writer, assignAnchors: false);
        return path;
    }

    /// <summary>The snippet's <c>alerting:</c> section with each entry's service discovery replaced by <paramref name="alertmanagers"/> and its <c>password_file</c> by <paramref name="passwordFile"/>.</summary>
    /// <exception cref="InvalidOperationException">The snippet has no <c>alerting.alertmanagers</c>, or names a password file while none is given.</exception>
    public static YamlMappingNode LocalAlerting(string alertingSnippet, IReadOnlyList<string> alertmanagers, string? passwordFile)
    {
        ArgumentNullException.ThrowIfNull(alertmanagers);
        var yaml = new YamlStream();
        yaml.Load(new StringReader(alertingSnippet));
        var alerting = ((YamlMappingNode)yaml.Documents[0].RootNode).Children.TryGetValue("alerting", out var node) && node is YamlMappingNode map
            ? map
            : throw new InvalidOperationException("The snippet has no alerting: section.");
        var entries = alerting.Children.TryGetValue("alertmanagers", out var list) && list is YamlSequenceNode sequence
            ? sequence
            : throw new InvalidOperationException("The snippet has no alerting.alertmanagers list.");
        foreach (var entry in entries.OfType<YamlMappingNode>())
        {
            foreach (var discovery in entry.Children.Keys.OfType<YamlScalarNode>().Where(k => k.Value!.EndsWith("_sd_configs", StringComparison.Ordinal) || k.Value == "static_configs").ToList())
            {
                entry.Children.Remove(discovery);
            }

            entry.Add("static_configs", new YamlSequenceNode(new YamlMappingNode { { "targets", new YamlSequenceNode(alertmanagers.Select(t => new YamlScalarNode(t))) } }));
            if (entry.Children.TryGetValue("basic_auth", out var auth) && auth is YamlMappingNode basicAuth && basicAuth.Children.ContainsKey("password_file"))
            {
                basicAuth.Children["password_file"] = new YamlScalarNode(passwordFile ?? throw new InvalidOperationException("The snippet reads a password file; give the local one."));
            }
        }

        return alerting;
    }

    /// <summary>How a <see cref="TimeSpan"/> of whole seconds reads in a rule's <c>for:</c>.</summary>
    public static string Seconds(TimeSpan duration) => ((long)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s";
}
