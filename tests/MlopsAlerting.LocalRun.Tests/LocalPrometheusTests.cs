using System.Net;

namespace MlopsAlerting.LocalRun.Tests;

/// <summary>Real Prometheus on 127.0.0.1: it scrapes the loopback exporter, evaluates a rule and sends the alert to a real Alertmanager with basic auth.</summary>
public sealed class LocalPrometheusTests : IDisposable
{
    private const string Snippet = """
        alerting:
          alertmanagers:
          - scheme: http
            api_version: v2
            basic_auth:
              username: alertmanager
              password_file: /etc/prometheus/secrets/alertmanager-basic-auth/password
            dns_sd_configs:
            - names:
              - alertmanager-cluster.monitoring.svc.cluster.local
              type: A
              port: 9093
        """;

    private readonly ScratchDirectory _scratch = new();

    [Fact(Timeout = 90_000)]
    public async Task Scrapes_the_exporter_fires_the_rule_and_delivers_it_to_alertmanager_with_basic_auth()
    {
        using var deadline = TestDeadline.After(TimeSpan.FromSeconds(80), TestContext.Current.CancellationToken);
        var alertmanagerBinary = RequiredBinaries.AlertmanagerOrSkip();
        var prometheusBinary = RequiredBinaries.PrometheusOrSkip();
        await using var slack = await SlackStandIn.StartAsync();
        var web = await LocalWebConfig.WriteAsync(Path.Combine(_scratch.Path, "auth"), new BasicAuthCredentials("alertmanager", "correct-horse-battery-staple"), deadline.Token);
        await using var alertmanager = await LocalAlertmanager.StartAsync(
            new LocalAlertmanagerOptions
            {
                ConfigFile = _scratch.Write("alertmanager.yml", TestAlertmanagerConfig.RoutingTo(slack)),
                Binary = alertmanagerBinary,
                WebConfigFile = web.WebConfigFile,
                BasicAuth = web.Credentials,
            },
            deadline.Token);
        await using var exporter = await MetricsEndpoint.StartAsync("model_mae");
        exporter.Set("california-housing", 0.45m);
        var rules = _scratch.Write("rules.yml", """
            groups:
              - name: test
                rules:
                  - alert: MaeHigh
                    expr: model_mae > 0.40
                    labels: {severity: critical}
            """);
        var config = LocalPrometheusConfig.Write(Path.Combine(_scratch.Path, "prometheus"), Snippet, [alertmanager.BaseUrl.Authority], web.PasswordFile, rules, exporter.Target, TimeSpan.FromSeconds(1));

        await using var prometheus = await LocalPrometheus.StartAsync(new LocalPrometheusOptions { ConfigFile = config, Binary = prometheusBinary }, deadline.Token);
        var alert = await WaitForAsync(async () => (await alertmanager.GetAlertsAsync(deadline.Token)).FirstOrDefault(), deadline.Token);

        Assert.Equal("MaeHigh", alert.Labels["alertname"]);
        Assert.Equal("california-housing", alert.Labels["model_name"]);
        Assert.Equal(exporter.Target, alert.Labels["instance"]);
        Assert.Equal(LocalPrometheusConfig.ScrapeJob, alert.Labels["job"]);
        Assert.Equal([$"http://{alertmanager.BaseUrl.Authority}/api/v2/alerts"], await prometheus.GetActiveAlertmanagersAsync(deadline.Token));
        Assert.Equal(["up"], await prometheus.GetTargetHealthAsync(deadline.Token));
    }

    [Fact(Timeout = 20_000)]
    public async Task Exporter_serves_each_model_in_the_text_format_and_drops_a_removed_one()
    {
        await using var exporter = await MetricsEndpoint.StartAsync("model_mae");
        exporter.Set("b-model", 0.2m);
        exporter.Set("a-model", 0.45m);
        exporter.Remove("b-model");
        exporter.Set("c-model", 0.35m);
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });

        using var metrics = await http.GetAsync(new Uri($"http://{exporter.Target}/metrics"), TestContext.Current.CancellationToken);
        using var other = await http.GetAsync(new Uri($"http://{exporter.Target}/"), TestContext.Current.CancellationToken);

        Assert.Equal(MetricsEndpoint.ContentType, metrics.Content.Headers.ContentType?.ToString());
        Assert.Equal(
            "# HELP model_mae Mean absolute error of each model's recent predictions.\n# TYPE model_mae gauge\nmodel_mae{model_name=\"a-model\"} 0.45\nmodel_mae{model_name=\"c-model\"} 0.35\n",
            await metrics.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(1, exporter.ScrapeCount);
    }

    [Fact]
    public void Local_alerting_replaces_only_the_targets_and_the_password_file()
    {
        var alerting = LocalPrometheusConfig.LocalAlerting(Snippet, ["127.0.0.1:1", "127.0.0.1:2"], "/tmp/pw");

        var text = new YamlDotNet.Serialization.SerializerBuilder().Build().Serialize(alerting);
        var entry = (YamlDotNet.RepresentationModel.YamlMappingNode)((YamlDotNet.RepresentationModel.YamlSequenceNode)alerting["alertmanagers"])[0];
        Assert.Equal(["scheme", "api_version", "basic_auth", "static_configs"], entry.Children.Keys.Select(k => k.ToString()));
        Assert.Equal("alertmanager", entry["basic_auth"]["username"].ToString());
        Assert.Equal("/tmp/pw", entry["basic_auth"]["password_file"].ToString());
        Assert.Equal(["127.0.0.1:1", "127.0.0.1:2"], ((YamlDotNet.RepresentationModel.YamlSequenceNode)entry["static_configs"][0]["targets"]).Select(t => t.ToString()));
        Assert.DoesNotContain("dns_sd_configs", text, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => LocalPrometheusConfig.LocalAlerting(Snippet, ["127.0.0.1:1"], null));
    }

    [Fact]
    public void Rule_timings_change_only_the_for_of_each_rule()
    {
        const string Rules = """
            groups:
            - name: g
              rules:
              - alert: A
                expr: x > 1
                for: 5m
                labels:
                  severity: critical
                annotations:
                  description: above 1 for 5m
              - alert: B
                expr: absent(x)
                for: 10m
            """;

        var shortened = RuleFileTimings.Shorten(Rules, (alert, severity, wait) => $"{alert}-{severity}-{wait}");

        Assert.Equal(Rules.Replace("for: 5m", "for: A-critical-5m", StringComparison.Ordinal).Replace("for: 10m", "for: B--10m", StringComparison.Ordinal), shortened.TrimEnd().TrimEnd('.').TrimEnd());
    }

    public void Dispose() => _scratch.Dispose();

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, CancellationToken cancellationToken)
        where T : class
    {
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }
    }
}
