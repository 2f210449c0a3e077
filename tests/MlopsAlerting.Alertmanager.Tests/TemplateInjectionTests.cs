using System.Globalization;
using System.Text;
using MlopsAlerting.Core.Rendering;
using MlopsAlerting.Core.Rules;
using MlopsAlerting.Core.Tests;
using MlopsAlerting.LocalRun.Tests;

namespace MlopsAlerting.Alertmanager.Tests;

/// <summary>
/// Settings full of Go template syntax render literally: in Alertmanager's templates (proved with
/// <c>amtool template render</c> on the rendered slack.tmpl and Slack fields) and in the Prometheus
/// rule labels and annotations (proved with <c>promtool test rules</c>, which expands them as Prometheus does).
/// </summary>
public sealed class TemplateInjectionTests
{
    public static TheoryData<string> HostileTexts =>
    [
        "{{ .ExternalURL }}",
        "{{ end }}{{ define \"mlops.slack.title\" }}pwned{{ end }}",
        "{{ template \"slack.default.text\" . }}",
        "Prod \"eu\\west\" {{ \"\\\\\" }}",
        "@ml-team }}{{",
        "{{/* comment */}}{{- $x := 1 -}}",
    ];

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(HostileTexts))]
    public async Task Environment_and_owner_render_literally_in_alertmanager(string hostile)
    {
        var amtool = RequiredBinaries.AmtoolOrSkip();
        var settings = StackFiles.Bind(StackFiles.With($"  mlops-alerting:slack:\n    owner: '{hostile.Replace("'", "''", StringComparison.Ordinal)}'\n").Replace("environment: Test", $"environment: '{hostile.Replace("'", "''", StringComparison.Ordinal)}'", StringComparison.Ordinal));
        Assert.Equal(hostile.Trim(), settings.Environment);
        using var scratch = new ScratchDirectory();
        AlertmanagerConfigRenderer.Render(settings).WriteTo(scratch.Path);
        var templates = Path.Combine(scratch.Path, ConfigLayout.TemplateFileName);

        var environment = await amtool.TemplateRenderAsync(templates, "{{ template \"mlops.environment\" . }}", TestContext.Current.CancellationToken);
        var owner = await amtool.TemplateRenderAsync(templates, "{{ template \"mlops.owner\" . }}", TestContext.Current.CancellationToken);
        var title = await amtool.TemplateRenderAsync(templates, $"{{{{ template \"{SlackTemplates.Title}\" . }}}}", TestContext.Current.CancellationToken);

        Assert.True(environment.ExitCode == 0, environment.StandardError);
        Assert.Equal(hostile.Trim(), environment.StandardOutput);
        Assert.Equal(hostile, owner.StandardOutput);
        Assert.DoesNotContain("pwned", title.StandardOutput, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task The_grafana_button_url_renders_literally_in_alertmanager()
    {
        var amtool = RequiredBinaries.AmtoolOrSkip();
        const string Url = "https://grafana.example.com/d/x?var-q=%7B%7B.ExternalURL%7D%7D&var-model=$model&from=now-1h";
        var settings = StackFiles.Bind(StackFiles.With($"  mlops-alerting:slack:\n    grafanaUrl: '{Url}'\n"));
        using var scratch = new ScratchDirectory();
        AlertmanagerConfigRenderer.Render(settings).WriteTo(scratch.Path);
        var action = AlertmanagerConfigBuilder.Build(settings, ConfigLayout.WebhookDirectory).Receivers[0].SlackConfigs[0].Actions[0];

        var rendered = await amtool.TemplateRenderAsync(Path.Combine(scratch.Path, ConfigLayout.TemplateFileName), action.Url, TestContext.Current.CancellationToken);

        // The setting stays literal; the dashboard's path and the alert's time range follow it (amtool's example alert has no model).
        Assert.True(rendered.ExitCode == 0, rendered.StandardError);
        Assert.StartsWith($"{Url}/d/{Core.Dashboard.DashboardUid.Of(settings)}?from=", rendered.StandardOutput, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_model_version_full_of_template_syntax_stays_literal_in_prometheus_rules()
    {
        var promtool = RequiredBinaries.PromtoolOrSkip();
        const string Version = "{{ $value }} {{ $labels.model_name }} \"q\" \\ {{ end }}";
        var settings = StackFiles.Bind(StackFiles.With(
            $"  mlops-alerting:slack:\n    runbookBaseUrl: https://git.example.com/runbooks/$labels\n  mlops-alerting:models:\n    - name: housing\n      version: '{Version}'\n"));
        var rules = ModelAlertRules.Render(settings);
        using var scratch = new ScratchDirectory();
        File.WriteAllText(Path.Combine(scratch.Path, rules.FileName), rules.Yaml);
        var test = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"rule_files: [{rules.FileName}]")
            .AppendLine("evaluation_interval: 1m")
            .AppendLine("tests:")
            .AppendLine("  - interval: 1m")
            .AppendLine("    input_series:")
            .AppendLine("      - series: 'model_mae{model_name=\"housing\"}'")
            .AppendLine("        values: '0.5x30'")
            .AppendLine("    alert_rule_test:")
            .AppendLine("      - eval_time: 20m")
            .AppendLine(CultureInfo.InvariantCulture, $"        alertname: {ModelAlertRules.AlertName}")
            .AppendLine("        exp_alerts:");
        foreach (var rule in rules.Groups.Single().Rules.Where(rule => rule.Alert == ModelAlertRules.AlertName))
        {
            test.AppendLine("          - exp_labels:")
                .AppendLine(CultureInfo.InvariantCulture, $"              severity: {rule.Labels["severity"]}")
                .AppendLine("              model_name: housing")
                .AppendLine(CultureInfo.InvariantCulture, $"              model_version: {Quote(Version)}")
                .AppendLine(CultureInfo.InvariantCulture, $"              {ModelAlertRules.WaitLabel}: {(rule.Labels["severity"] == ModelAlertRules.Critical ? "5m" : "15m")}")
                .AppendLine("              mlops_stack: monitoring/test")
                .AppendLine("            exp_annotations:");
            foreach (var (key, value) in AnnotationTemplates.Expand(rule, "housing", "0.50", rule.Labels["severity"] == ModelAlertRules.Critical ? "0.40" : "0.30", "0.40"))
            {
                test.AppendLine(CultureInfo.InvariantCulture, $"              {key}: {Quote(value)}");
            }
        }

        File.WriteAllText(Path.Combine(scratch.Path, "test.yml"), test.ToString());

        var result = await promtool.TestRulesAsync(Path.Combine(scratch.Path, "test.yml"), TestContext.Current.CancellationToken);

        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError + File.ReadAllText(Path.Combine(scratch.Path, "test.yml")));
        Assert.Contains("SUCCESS", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("https://git.example.com/runbooks/$labels/", rules.Yaml, StringComparison.Ordinal);
    }

    private static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
