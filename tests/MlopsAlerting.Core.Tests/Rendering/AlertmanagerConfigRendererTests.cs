using MlopsAlerting.Core.Rendering;
using MlopsAlerting.Core.Settings;
using YamlDotNet.RepresentationModel;

namespace MlopsAlerting.Core.Tests.Rendering;

public class AlertmanagerConfigRendererTests
{
    private static YamlMappingNode Parse(RenderedConfiguration rendered)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(rendered.AlertmanagerYaml));
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void Each_slack_receiver_reads_its_own_webhook_file_the_other_stacks_receiver_has_none_and_no_url_or_placeholder_is_inline(string stack)
    {
        var rendered = AlertmanagerConfigRenderer.Render(StackFiles.Committed(stack));
        var root = Parse(rendered);

        var receivers = ((YamlSequenceNode)root["receivers"]).Cast<YamlMappingNode>().ToList();
        Assert.Equal(["slack-all", "slack-critical", "slack-warning", ForeignStackRoute.Receiver], receivers.Select(r => ((YamlScalarNode)r["name"]).Value));
        Assert.Equal(["name"], receivers[^1].Children.Keys.Select(k => ((YamlScalarNode)k).Value));
        var files = receivers.SkipLast(1)
            .ToDictionary(r => ((YamlScalarNode)r["name"]).Value!, r => ((YamlScalarNode)((YamlMappingNode)((YamlSequenceNode)r["slack_configs"])[0])["api_url_file"]).Value);
        Assert.Equal("/etc/alertmanager/slack/all", files["slack-all"]);
        Assert.Equal("/etc/alertmanager/slack/critical", files["slack-critical"]);
        Assert.Equal("/etc/alertmanager/slack/warning", files["slack-warning"]);
        Assert.DoesNotContain("slack_api_url", rendered.AlertmanagerYaml, StringComparison.Ordinal);
        Assert.DoesNotContain("api_url:", rendered.AlertmanagerYaml, StringComparison.Ordinal);
        Assert.DoesNotContain("hooks.slack.com", rendered.AlertmanagerYaml, StringComparison.Ordinal);
        Assert.DoesNotContain("$", rendered.AlertmanagerYaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_matchers_syntax_is_used()
    {
        var yaml = AlertmanagerConfigRenderer.Render(StackFiles.Committed("prod")).AlertmanagerYaml;

        Assert.DoesNotContain("match:", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("match_re:", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("source_match:", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("target_match:", yaml, StringComparison.Ordinal);
        Assert.Contains("matchers:", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Secrets_dir_points_every_webhook_file_there()
    {
        var yaml = AlertmanagerConfigRenderer.Render(StackFiles.Committed("dev"), "/tmp/hooks").AlertmanagerYaml;

        Assert.Contains("api_url_file: /tmp/hooks/critical", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("/etc/alertmanager/slack", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Templates_are_referenced_beside_the_configuration()
    {
        var rendered = AlertmanagerConfigRenderer.Render(StackFiles.Committed("dev"));
        var templates = (YamlSequenceNode)Parse(rendered)["templates"];

        Assert.Equal(["alertmanager.yml", "slack.tmpl"], rendered.Files.Keys);
        Assert.Equal("slack.tmpl", ((YamlScalarNode)Assert.Single(templates)).Value);
    }

    [Fact]
    public void Settings_enter_templates_as_quoted_literals_so_they_cannot_inject_template_code()
    {
        var settings = StackFiles.Bind(StackFiles.With("  mlops-alerting:slack:\n    owner: '{{ .ExternalURL }} \"x\"'\n"));

        var template = AlertmanagerConfigRenderer.Render(settings).Files["slack.tmpl"];

        Assert.Contains("{{ \"{{ .ExternalURL }} \\\"x\\\"\" }}", template, StringComparison.Ordinal);
    }

    [Fact]
    public void Checksum_changes_with_any_setting_that_changes_the_files_and_only_then()
    {
        var dev = StackFiles.Committed("dev");
        var same = AlertmanagerConfigRenderer.Render(dev).Checksum;
        var changedWait = AlertmanagerConfigRenderer.Render(dev with { Routing = dev.Routing with { GroupWait = AlertmanagerDuration.Parse("11s") } }).Checksum;
        var changedOwner = AlertmanagerConfigRenderer.Render(dev with { Slack = dev.Slack with { Owner = "@someone" } }).Checksum;
        var changedReplicas = AlertmanagerConfigRenderer.Render(dev with { Alertmanager = dev.Alertmanager with { Replicas = 2 } }).Checksum;

        Assert.Equal(same, AlertmanagerConfigRenderer.Render(StackFiles.Committed("dev")).Checksum);
        Assert.NotEqual(same, changedWait);
        Assert.NotEqual(same, changedOwner);
        Assert.Equal(same, changedReplicas);
        Assert.Matches("^[0-9a-f]{64}$", same);
    }

    [Fact]
    public void Inhibition_requires_the_equal_labels_on_the_critical_and_no_other_stacks_identity()
    {
        var config = AlertmanagerConfigBuilder.Build(StackFiles.Committed("prod"), ConfigLayout.WebhookDirectory);
        var rule = Assert.Single(config.InhibitRules);

        Assert.Equal(["severity=\"critical\"", "model_name=~\".+\"", "mlops_stack=~\"|monitoring/prod\""], rule.SourceMatchers);
        Assert.Equal(["severity=\"warning\""], rule.TargetMatchers);
        Assert.Equal(["model_name"], rule.Equal);
    }
}
