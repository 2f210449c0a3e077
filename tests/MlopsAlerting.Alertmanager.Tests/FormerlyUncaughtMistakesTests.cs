using MlopsAlerting.Core.Config;
using MlopsAlerting.Core.Settings;

namespace MlopsAlerting.Alertmanager.Tests;

/// <summary>
/// Mistakes that once bound cleanly and failed only at <c>pulumi up</c> (Kubernetes rejecting the
/// object) or hid a plain-text webhook; each is now reported before anything is created.
/// </summary>
public sealed class FormerlyUncaughtMistakesTests
{
    [Fact]
    public void Cpu_limit_below_the_request_is_reported() =>
        AssertReported("  mlops-alerting:alertmanager:\n    resources:\n      cpuRequest: 500m\n      cpuLimit: 100m\n", "alertmanager.resources.cpuLimit");

    [Fact]
    public void Invalid_label_key_in_rules_labels_is_reported() =>
        AssertReported("  mlops-alerting:rules:\n    labels:\n      'release team!': prometheus\n", "rules.labels");

    [Fact]
    public void Plain_webhook_written_under_secure_is_reported() =>
        AssertReported("  mlops-alerting:slackWebhooks:\n    all:\n      secure: https://hooks.slack.com/services/T0/B0/NotCipherText\n", "slackWebhooks.all");

    private static void AssertReported(string yaml, string key)
    {
        var e = Assert.Throws<SettingsException>(() => SettingsBinder.Bind(StackFileReader.Parse("bad", "Pulumi.bad.yaml", MalformedSettings.StackFile(yaml))));
        Assert.Contains(e.Errors, error => error.Key.StartsWith(key, StringComparison.Ordinal));
    }
}
