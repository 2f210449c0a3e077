using MlopsAlerting.Core.Config;

namespace MlopsAlerting.Core.Tests.Settings;

/// <summary>One test per user mistake: one clear line naming the file, the key, the problem and the fix.</summary>
public class ValidationTests
{
    private static SettingsError Single(string configLines)
    {
        var errors = StackFiles.Errors(StackFiles.With(configLines));
        return Assert.Single(errors);
    }

    [Fact]
    public void Unknown_key_suggests_the_known_one()
    {
        var error = Single("  mlops-alerting:routing:\n    groupWiat: 10s\n");

        Assert.Equal("routing.groupWiat", error.Key);
        Assert.Contains("did you mean `routing.groupWait`", error.Fix, StringComparison.Ordinal);
        Assert.StartsWith("Pulumi.test.yaml:4:5: routing.groupWiat: is not a known setting", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_top_level_key_suggests_the_known_one()
    {
        var error = Single("  mlops-alerting:namespce: x\n");

        Assert.Contains("did you mean `namespace`", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_type_names_the_expected_shape()
    {
        var error = Single("  mlops-alerting:alertmanager:\n    replicas: three\n");

        Assert.Equal("alertmanager.replicas", error.Key);
        Assert.Contains("'three' is not a whole number", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Object_given_as_a_value_is_rejected()
    {
        var error = Single("  mlops-alerting:routing: fast\n");

        Assert.Equal("routing", error.Key);
        Assert.Contains("must be a map", error.Problem, StringComparison.Ordinal);
        Assert.Contains("groupWait", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Duration_in_words_is_rejected_with_the_syntax()
    {
        var error = Single("  mlops-alerting:routing:\n    groupWait: 5 minutes\n");

        Assert.Equal("routing.groupWait", error.Key);
        Assert.Contains("'5 minutes' is not an Alertmanager duration", error.Problem, StringComparison.Ordinal);
        Assert.Contains("5m", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Group_interval_shorter_than_group_wait_is_rejected()
    {
        var error = Single("  mlops-alerting:routing:\n    groupWait: 2m\n    groupInterval: 30s\n");

        Assert.Equal("routing.groupInterval", error.Key);
        Assert.Contains("shorter than groupWait 2m", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Repeat_interval_shorter_than_group_interval_is_rejected()
    {
        var error = Single("  mlops-alerting:routing:\n    repeatInterval: 1m\n");

        Assert.Equal("routing.repeatInterval", error.Key);
    }

    [Fact]
    public void Channel_without_hash_is_rejected()
    {
        var error = Single("  mlops-alerting:slack:\n    channels:\n      critical: ml-alerts-critical\n");

        Assert.Equal("slack.channels.critical", error.Key);
        Assert.Contains("does not start with '#'", error.Problem, StringComparison.Ordinal);
        Assert.Contains("quote it", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Channel_with_spaces_is_rejected()
    {
        var error = Single("  mlops-alerting:slack:\n    channels:\n      all: '#ml alerts'\n");

        Assert.Equal("slack.channels.all", error.Key);
        Assert.Contains("contains a space", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Replicas_below_one_are_rejected()
    {
        var error = Single("  mlops-alerting:alertmanager:\n    replicas: 0\n");

        Assert.Equal("alertmanager.replicas", error.Key);
        Assert.Contains("at least one", error.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("quay.io/prometheus/alertmanager", "has no tag")]
    [InlineData("quay.io/prometheus/alertmanager:latest", "latest")]
    [InlineData("localhost:5000/alertmanager", "has no tag")]
    public void Unpinned_image_is_rejected(string image, string problem)
    {
        var error = Single($"  mlops-alerting:alertmanager:\n    image: {image}\n");

        Assert.Equal("alertmanager.image", error.Key);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        Assert.Contains("v0.34.0", error.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("quay.io/prometheus/alertmanager:v0.25.0")]
    [InlineData("localhost:5000/alertmanager:v0.27.0")]
    [InlineData("quay.io/prometheus/alertmanager:v0.34.0@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void Pinned_images_are_accepted(string image)
    {
        var settings = StackFiles.Bind(StackFiles.With($"  mlops-alerting:alertmanager:\n    image: {image}\n"));

        Assert.Equal(image, settings.Alertmanager.Image);
    }

    [Fact]
    public void Webhook_in_plain_text_is_rejected_without_showing_it()
    {
        const string Url = "https://hooks.slack.com/services/T000/B000/PLAINTEXTSENTINEL";
        var error = Single($"  mlops-alerting:slackWebhooks:\n    critical: {Url}\n");

        Assert.Equal("slackWebhooks.critical", error.Key);
        Assert.Contains("plain text", error.Problem, StringComparison.Ordinal);
        Assert.Contains("pulumi config set --secret --path slackWebhooks.critical", error.Fix, StringComparison.Ordinal);
        Assert.DoesNotContain("PLAINTEXTSENTINEL", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Webhook_that_is_not_a_slack_url_is_rejected_without_showing_it()
    {
        var config = EngineConfig.Read("test", new Dictionary<string, string>
        {
            ["slackWebhooks"] = """{"all":"https://hooks.slack.com/services/T/B/OK","critical":"http://evil.example/SENTINEL","warning":"https://hooks.slack.com/services/T/B/OK"}""",
        }, secretKeys: ["slackWebhooks"]);

        var error = Assert.Single(Assert.Throws<SettingsException>(() => MlopsAlerting.Core.Settings.SettingsBinder.Bind(config)).Errors);

        Assert.Equal("slackWebhooks.critical", error.Key);
        Assert.Contains("https://hooks.slack.com/", error.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain("SENTINEL", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("evil", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_stack_file_names_the_file_and_the_stacks_there_are()
    {
        var e = Assert.Throws<SettingsException>(() => StackFileReader.Read(RepositoryRoot.Path, "staging"));
        var error = Assert.Single(e.Errors);

        Assert.Equal("Pulumi.staging.yaml", error.File);
        Assert.Contains("pulumi stack init staging", error.Fix, StringComparison.Ordinal);
        Assert.Contains("dev, prod", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Unreadable_stack_file_says_so()
    {
        var dir = Directory.CreateTempSubdirectory();
        try
        {
            // A folder where the file should be cannot be read as a file, for root as for anyone.
            Directory.CreateDirectory(Path.Combine(dir.FullName, "Pulumi.broken.yaml"));
            File.WriteAllText(Path.Combine(dir.FullName, "Pulumi.yaml"), "name: x\n");

            var e = Assert.Throws<SettingsException>(() => StackFileReader.Read(dir.FullName, "broken"));

            Assert.Contains("Pulumi.broken.yaml", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Malformed_yaml_gives_line_and_column()
    {
        var e = Assert.Throws<SettingsException>(() => StackFiles.Bind("config:\n  mlops-alerting:routing:\n    groupWait: [10s\n"));
        var error = Assert.Single(e.Errors);

        Assert.NotNull(error.Mark);
        Assert.Equal(4, error.Mark.Line);
        Assert.Contains("not valid YAML", error.Problem, StringComparison.Ordinal);
        Assert.StartsWith("Pulumi.test.yaml:4:", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_mistake_of_a_file_is_reported_at_once()
    {
        var errors = StackFiles.Errors(StackFiles.With("""
              mlops-alerting:alertmanager:
                replicas: 0
                image: alertmanager:latest
              mlops-alerting:routing:
                groupWait: 5 minutes
              mlops-alerting:slack:
                channels:
                  all: ml-alerts
              mlops-alerting:colour: red
            """));

        Assert.Equal(
            ["alertmanager.image", "alertmanager.replicas", "colour", "routing.groupWait", "slack.channels.all"],
            errors.Select(e => e.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Key_without_the_project_namespace_is_rejected()
    {
        var e = Assert.Throws<SettingsException>(() => StackFiles.Bind("config:\n  namespace: monitoring\n"));

        Assert.Contains("mlops-alerting:namespace", Assert.Single(e.Errors).Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Warning_threshold_must_be_below_the_critical_one()
    {
        var error = Single("  mlops-alerting:models:\n    - name: california-housing\n      maeWarning: 0.5\n");

        Assert.Equal("models[0].maeWarning", error.Key);
    }

    [Fact]
    public void The_same_channel_for_two_roles_is_rejected()
    {
        var error = Single("  mlops-alerting:slack:\n    channels:\n      all: '#ml-alerts'\n      critical: '#ml-alerts'\n");

        Assert.Equal("slack.channels.critical", error.Key);
        Assert.Contains("posted twice", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_alertmanager_older_than_the_configuration_needs_is_rejected()
    {
        var error = Single("  mlops-alerting:alertmanager:\n    image: quay.io/prometheus/alertmanager:v0.21.0\n");

        Assert.Equal("alertmanager.image", error.Key);
        Assert.Contains("older than 0.25", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_webhook_pasted_into_a_plain_setting_is_not_echoed()
    {
        var errors = StackFiles.Errors(StackFiles.With("  mlops-alerting:slack:\n    channels:\n      all: https://hooks.slack.com/services/T0/B0/SENTINEL\n  mlops-alerting:slackWebhooks:\n    https://hooks.slack.com/services/T0/B0/SENTINEL2: x\n"));

        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.DoesNotContain("SENTINEL", e.ToString(), StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Key.Contains("https://hooks.slack.com/[redacted]", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Key == "slack.channels.all" && e.Problem.Contains("Slack webhook", StringComparison.Ordinal) && e.Fix.Contains("slackWebhooks.<all|critical|warning>", StringComparison.Ordinal));
    }

    [Fact]
    public void Prometheus_secret_namespace_must_be_a_namespace_name()
    {
        var error = Single("  mlops-alerting:access:\n    basicAuth:\n      prometheusSecret:\n        namespace: Monitoring\n");

        Assert.Equal("access.basicAuth.prometheusSecret.namespace", error.Key);
        Assert.Contains("'Monitoring' is not a Kubernetes namespace name", error.Problem, StringComparison.Ordinal);
        Assert.Contains("namespace Prometheus runs in", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Prometheus_secret_name_must_be_usable_as_a_folder_and_a_secret_name()
    {
        var error = Single("  mlops-alerting:access:\n    basicAuth:\n      prometheusSecret:\n        name: am/password\n");

        Assert.Equal("access.basicAuth.prometheusSecret.name", error.Key);
        Assert.Contains("'am/password' is not a usable Secret name", error.Problem, StringComparison.Ordinal);
        Assert.Contains("alertmanager-basic-auth", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_for_of_zero_is_rejected()
    {
        var error = Single("  mlops-alerting:rules:\n    missingFor: 0s\n");

        Assert.Equal("rules.missingFor", error.Key);
        Assert.Contains("is zero", error.Problem, StringComparison.Ordinal);
        Assert.Contains("10m", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_severity_must_be_one_the_channels_route()
    {
        var error = Single("  mlops-alerting:rules:\n    missingSeverity: page\n");

        Assert.Equal("rules.missingSeverity", error.Key);
        Assert.Contains("'page' is not a severity", error.Problem, StringComparison.Ordinal);
        Assert.Contains("critical (on-call), warning or info", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Unlisted_models_must_be_a_way_the_rules_know()
    {
        var error = Single("  mlops-alerting:rules:\n    unlistedModels: drop\n");

        Assert.Equal("rules.unlistedModels", error.Key);
        Assert.Contains("'drop' is not a way to treat models the stack does not list", error.Problem, StringComparison.Ordinal);
        Assert.Contains("watch (default thresholds), alert (ModelNotListed), both, or ignore", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zero_group_wait_is_refused_where_the_all_and_critical_channels_group_interval_follows_it()
    {
        var errors = StackFiles.Errors(StackFiles.With("  mlops-alerting:routing:\n    groupWait: 0s\n"));

        Assert.Equal(["routing.channels.all.groupInterval", "routing.channels.critical.groupInterval"], errors.Select(e => e.Key));
        Assert.All(errors, e => Assert.Contains("follows this channel's groupWait 0s, and Alertmanager rejects a zero group_interval", e.Problem, StringComparison.Ordinal));
        Assert.All(errors, e => Assert.Contains("groupInterval to a positive duration, e.g. 30s", e.Fix, StringComparison.Ordinal));

        // A zero groupWait with the channels' own positive groupInterval is deployable: Alertmanager sends at once.
        StackFiles.Bind(StackFiles.With("  mlops-alerting:routing:\n    groupWait: 0s\n    channels:\n      all:\n        groupInterval: 30s\n      critical:\n        groupInterval: 30s\n"));
    }
}
