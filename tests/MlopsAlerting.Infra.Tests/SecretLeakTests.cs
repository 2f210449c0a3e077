using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using Pulumi;

namespace MlopsAlerting.Infra.Tests;

/// <summary>
/// The program run with sentinel secrets: the webhooks appear only in the webhook Secret, the
/// basic-auth password (and its base64 credential) only in the web-config Secret, the Secret for
/// Prometheus and the secret output, and an error about a webhook never repeats it.
/// </summary>
public class SecretLeakTests
{
    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public async Task Webhooks_and_the_password_appear_only_in_their_secrets(string stack)
    {
        var run = await StackRun.CommittedAsync(stack);
        Assert.Null(run.Failure);
        var credential = Convert.ToBase64String(Encoding.UTF8.GetBytes($"alertmanager:{RecordingMocks.Password}"));

        foreach (var resource in run.Mocks.Registered)
        {
            var inputs = JsonSerializer.Serialize(Plain(resource.Inputs));
            if (resource.Name != "alertmanager-slack-webhooks")
            {
                Assert.DoesNotContain(EngineConfig.TestWebhooks.Values, inputs.Contains);
                Assert.DoesNotContain("hooks.slack.com", inputs, StringComparison.Ordinal);
            }

            if (resource.Name is not ("alertmanager-basic-auth-web-config" or "alertmanager-basic-auth-prometheus"))
            {
                Assert.DoesNotContain(RecordingMocks.Password, inputs, StringComparison.Ordinal);
                Assert.DoesNotContain(credential, inputs, StringComparison.Ordinal);
            }
        }

        foreach (var (key, value) in run.Outputs.Where(o => o.Key != "basicAuthPassword"))
        {
            var text = value is Output<string> s ? await OutputValue.Of(s) : JsonSerializer.Serialize(value);
            Assert.DoesNotContain(RecordingMocks.Password, text, StringComparison.Ordinal);
            Assert.DoesNotContain("hooks.slack.com", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_webhook_that_is_not_a_slack_url_is_refused_without_being_repeated()
    {
        const string Sentinel = "https://example.invalid/hooks/SENTINEL-not-slack";
        var webhooks = new Dictionary<string, string>(EngineConfig.TestWebhooks) { ["critical"] = Sentinel };
        var run = await StackRun.RunAsync("prod", EngineConfig.Committed("prod").SetSecret("slackWebhooks", JsonSerializer.Serialize(webhooks)));

        var failure = Assert.IsType<RunException>(run.Failure);
        Assert.Contains("slackWebhooks.critical", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SENTINEL", failure.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("example.invalid", failure.ToString(), StringComparison.Ordinal);
        Assert.Empty(run.Mocks.Registered);
    }

    private static object? Plain(object? value) => value switch
    {
        ImmutableDictionary<string, object> map => map.ToDictionary(e => e.Key, e => Plain(e.Value)),
        ImmutableArray<object> list => list.Select(Plain).ToList(),
        _ => value?.ToString(),
    };
}
