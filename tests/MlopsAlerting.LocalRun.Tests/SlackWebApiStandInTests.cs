using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace MlopsAlerting.LocalRun.Tests;

/// <summary>
/// The Web API stand-in reached as <c>https://slack.com/api/...</c> through the loopback proxy, trusting only the
/// proxy's test CA, as Alertmanager reaches it in app mode.
/// </summary>
public sealed class SlackWebApiStandInTests
{
    private const string Token = "xoxb-1-2-webapitests";

    private static async Task<(SlackStandIn Slack, SlackApiProxy Proxy)> StartAsync(SlackStandInOptions? options = null)
    {
        var slack = await SlackStandIn.StartAsync((options ?? new SlackStandInOptions()) with
        {
            WebApi = (options?.WebApi ?? new SlackWebApiOptions()) with { BotTokens = [Token] },
        });
        return (slack, await SlackApiProxy.StartAsync(slack));
    }

    /// <summary>A client that goes through the proxy and trusts only its CA file (no system roots).</summary>
    private static HttpClient Client(SlackApiProxy proxy)
    {
        var ca = X509CertificateLoader.LoadCertificate(Encoding.ASCII.GetBytes(File.ReadAllText(proxy.CaFile)));
        var handler = new SocketsHttpHandler
        {
            Proxy = new WebProxy(proxy.ProxyUrl),
            UseProxy = true,
            SslOptions =
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(ca);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    return certificate is X509Certificate2 leaf && chain.Build(leaf) && leaf.MatchesHostname("slack.com");
                },
            },
        };
        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
    }

    private static async Task<(HttpStatusCode Status, JsonObject Body, HttpResponseMessage Response)> CallAsync(HttpClient client, string method, JsonObject body, CancellationToken cancellationToken, string token = Token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"https://slack.com/api/{method}")
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await client.SendAsync(request, cancellationToken);
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        var json = (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!;
        return (response.StatusCode, json, response);
    }

    private static JsonObject Message(string channel, string title, string? ts = null)
    {
        var message = new JsonObject { ["channel"] = channel, ["attachments"] = new JsonArray(new JsonObject { ["title"] = title, ["text"] = "t" }) };
        if (ts is not null)
        {
            message["ts"] = ts;
        }

        return message;
    }

    [Fact(Timeout = 20_000)]
    public async Task Post_answers_the_channel_id_and_ts_and_update_edits_that_message()
    {
        var (slack, proxy) = await StartAsync();
        await using var _ = slack;
        await using var __ = proxy;
        using var client = Client(proxy);
        var ct = TestContext.Current.CancellationToken;

        var (postStatus, posted, _) = await CallAsync(client, "chat.postMessage", Message("#ml-alerts", "🔥 Critical"), ct);
        var (_, updated, _) = await CallAsync(client, "chat.update", Message(posted["channel"]!.GetValue<string>(), "✅ Resolved", posted["ts"]!.GetValue<string>()), ct);

        Assert.Equal(HttpStatusCode.OK, postStatus);
        Assert.True(posted["ok"]!.GetValue<bool>());
        Assert.Equal(SlackStandIn.ChannelIdOf("#ml-alerts"), posted["channel"]!.GetValue<string>());
        Assert.Matches("^[0-9]+\\.[0-9]{6}$", posted["ts"]!.GetValue<string>());
        Assert.True(updated["ok"]!.GetValue<bool>());
        Assert.Equal(posted["ts"]!.GetValue<string>(), updated["ts"]!.GetValue<string>());
        var message = Assert.Single(slack.Messages);
        Assert.Equal("#ml-alerts", message.ChannelName);
        Assert.Equal(1, message.Edits);
        Assert.Equal("✅ Resolved", message.Current.Attachments[0].Title);
        Assert.Equal("🔥 Critical", message.Versions[0].Attachments[0].Title);
    }

    [Fact(Timeout = 20_000)]
    public async Task Errors_are_Slacks_invalid_auth_channel_not_found_not_in_channel_and_message_not_found()
    {
        var (slack, proxy) = await StartAsync(new SlackStandInOptions
        {
            WebApi = new SlackWebApiOptions { UnknownChannels = ["#gone"], ChannelsWithoutApp = ["#private"] },
        });
        await using var _ = slack;
        await using var __ = proxy;
        using var client = Client(proxy);
        var ct = TestContext.Current.CancellationToken;

        var wrongToken = await CallAsync(client, "chat.postMessage", Message("#ml-alerts", "x"), ct, token: "xoxb-revoked");
        var unknown = await CallAsync(client, "chat.postMessage", Message("#gone", "x"), ct);
        var notInvited = await CallAsync(client, "chat.postMessage", Message("#private", "x"), ct);
        var noSuchMessage = await CallAsync(client, "chat.update", Message(SlackStandIn.ChannelIdOf("#ml-alerts"), "x", "1.000001"), ct);
        var updateByName = await CallAsync(client, "chat.update", Message("#ml-alerts", "x", "1.000001"), ct);

        Assert.Equal(
            ["invalid_auth", "channel_not_found", "not_in_channel", "message_not_found", "channel_not_found"],
            new[] { wrongToken, unknown, notInvited, noSuchMessage, updateByName }.Select(a => a.Body["error"]!.GetValue<string>()));
        Assert.All(new[] { wrongToken, unknown, notInvited, noSuchMessage, updateByName }, a =>
        {
            Assert.Equal(HttpStatusCode.OK, a.Status);
            Assert.False(a.Body["ok"]!.GetValue<bool>());
        });
        Assert.Empty(slack.Messages);
        Assert.Empty(slack.Delivered);
    }

    [Fact(Timeout = 20_000)]
    public async Task A_second_message_within_a_second_in_one_channel_gets_429_with_Retry_After_and_a_revoked_token_stops_working()
    {
        var (slack, proxy) = await StartAsync(new SlackStandInOptions { RateLimitPerWebhook = TimeSpan.FromSeconds(1) });
        await using var _ = slack;
        await using var __ = proxy;
        using var client = Client(proxy);
        var ct = TestContext.Current.CancellationToken;

        var first = await CallAsync(client, "chat.postMessage", Message("#ml-alerts", "1"), ct);
        var tooSoon = await CallAsync(client, "chat.postMessage", Message("#ml-alerts", "2"), ct);
        var otherChannel = await CallAsync(client, "chat.postMessage", Message("#ml-alerts-critical", "3"), ct);
        var edit = await CallAsync(client, "chat.update", Message(first.Body["channel"]!.GetValue<string>(), "1 edited", first.Body["ts"]!.GetValue<string>()), ct);
        slack.SetBotTokens("xoxb-new");
        var revoked = await CallAsync(client, "chat.postMessage", Message("#ml-alerts-warning", "4"), ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, tooSoon.Status);
        Assert.Equal("ratelimited", tooSoon.Body["error"]!.GetValue<string>());
        Assert.Equal(TimeSpan.FromSeconds(1), tooSoon.Response.Headers.RetryAfter?.Delta);
        Assert.True(otherChannel.Body["ok"]!.GetValue<bool>());
        Assert.True(edit.Body["ok"]!.GetValue<bool>());
        Assert.Equal("invalid_auth", revoked.Body["error"]!.GetValue<string>());
        Assert.Equal(["#ml-alerts", "#ml-alerts-critical"], slack.Messages.Select(m => m.ChannelName));
    }

    [Fact(Timeout = 20_000)]
    public async Task The_proxy_refuses_every_host_but_slack_com()
    {
        var (slack, proxy) = await StartAsync();
        await using var _ = slack;
        await using var __ = proxy;
        using var client = Client(proxy);

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("https://example.com/", TestContext.Current.CancellationToken));

        Assert.Equal(["example.com:443"], proxy.RefusedTargets);
        Assert.Empty(slack.AllRequests);
        TestContext.Current.TestOutputHelper?.WriteLine(refused.Message);
    }
}
