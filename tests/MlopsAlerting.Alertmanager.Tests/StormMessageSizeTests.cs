using System.Globalization;
using System.Text.RegularExpressions;
using MlopsAlerting.Core.Rules;
using MlopsAlerting.Core.Settings;
using MlopsAlerting.Core.Tests;
using MlopsAlerting.LocalRun;

namespace MlopsAlerting.Alertmanager.Tests;

/// <summary>
/// A storm message stays within Slack's advised 4,000 characters of text and still names every
/// model: the prod stack's rules' own annotations (description with advice, runbook), 50 models.
/// </summary>
public sealed class StormMessageSizeTests
{
    private const int SlackAdvisedTextLimit = 4_000;

    [Fact(Timeout = 45_000)]
    public async Task Fifty_models_critical_and_ten_more_warning_give_one_message_per_channel_within_4000_characters_naming_every_model()
    {
        var ct = TestContext.Current.CancellationToken;
        var prod = StackFiles.Committed("prod");
        var critical = Models("storm", 50);
        var warningOnly = Models("drift", 10);
        var alerts = FromRules(prod, critical, "critical").Concat(FromRules(prod, warningOnly, "warning")).ToArray();
        await using var stack = await LocalStack.StartAsync(prod, ct);

        await stack.Alertmanager.PostAlertsAsync(alerts, ct);

        var expected = new Dictionary<string, string[]>
        {
            ["all"] = [.. critical, .. warningOnly],
            ["critical"] = critical,
            ["warning"] = warningOnly,
        };
        foreach (var (webhook, models) in expected)
        {
            var message = Assert.Single(await stack.WaitForAsync(webhook, _ => true, 1, ct));
            var visible = string.Join('\n', new[] { message.Title, message.Text }.Concat(message.Fields.SelectMany(f => new[] { f.Title, f.Value })));
            TestContext.Current.TestOutputHelper?.WriteLine($"{webhook}: {models.Length} models, {visible.Length} characters of text");
            Assert.InRange(visible.Length, 1, SlackAdvisedTextLimit);
            Assert.All(models, model => Assert.Matches($"(?<![\\w-]){Regex.Escape(model)}(?![\\w-])", message.Text));
        }
    }

    [Fact(Timeout = 45_000)]
    public async Task A_small_group_still_tells_each_alert_in_full()
    {
        var ct = TestContext.Current.CancellationToken;
        var prod = StackFiles.Committed("prod");
        await using var stack = await LocalStack.StartAsync(prod, ct);

        await stack.Alertmanager.PostAlertsAsync(FromRules(prod, Models("small", 2), "critical"), ct);

        var message = Assert.Single(await stack.WaitForAsync("critical", _ => true, 1, ct));
        Assert.Contains("Check the latest input data", message.Text, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Matches(message.Text!, "\\|Runbook>").Count);
    }

    private static string[] Models(string prefix, int count) =>
        [.. Enumerable.Range(1, count).Select(i => $"{prefix}-{i.ToString("D2", CultureInfo.InvariantCulture)}")];

    /// <summary>
    /// The alerts Prometheus fires from the stack's shared rule of this severity for these models: the rule's
    /// labels and annotations with the model's labels and the value template filled in.
    /// </summary>
    private static IEnumerable<PostableAlert> FromRules(StackSettings stack, IReadOnlyList<string> models, string severity)
    {
        var template = stack.Models[0];
        var settings = stack with { Models = [.. models.Select(m => template with { Name = m })] };
        var rule = ModelAlertRules.Render(settings).Groups.SelectMany(g => g.Rules)
            .First(r => r.Alert == ModelAlertRules.AlertName && r.Labels["severity"] == severity);
        return models.Select(model => new PostableAlert(
            new Dictionary<string, string>(rule.Labels.Where(l => !l.Value.StartsWith("{{/*", StringComparison.Ordinal)))
            {
                ["alertname"] = ModelAlertRules.AlertName,
                ["model_name"] = model,
                ["model_version"] = template.Version ?? string.Empty,
            },
            rule.Annotations.ToDictionary(
                a => a.Key,
                a => a.Value.Replace(ModelAlertRules.ValueTemplate, "0.47", StringComparison.Ordinal).Replace(ModelAlertRules.ModelTemplate, model, StringComparison.Ordinal))));
    }
}
