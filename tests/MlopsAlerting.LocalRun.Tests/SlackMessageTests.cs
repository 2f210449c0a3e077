namespace MlopsAlerting.LocalRun.Tests;

public sealed class SlackMessageTests
{
    [Fact]
    public void Parses_the_body_Alertmanager_0_25_posts()
    {
        const string body = """
            {"channel":"#critical","username":"Alertmanager","attachments":[{"title":"FIRING DiskFull",
            "title_link":"http://127.0.0.1:9093/#/alerts?receiver=critical","text":"Disk is full",
            "fallback":"[FIRING:1] DiskFull","callback_id":"","fields":[{"title":"Severity","value":"critical","short":true}],
            "actions":[{"type":"button","text":"Runbook","url":"https://runbooks.example/DiskFull","style":""}],
            "footer":"","color":"danger","mrkdwn_in":["fallback","pretext","text"]}]}
            """;

        var message = SlackMessage.TryParse(body);

        Assert.NotNull(message);
        Assert.Equal("#critical", message.Channel);
        Assert.Equal("Alertmanager", message.Username);
        var attachment = Assert.Single(message.Attachments);
        Assert.Equal("FIRING DiskFull", attachment.Title);
        Assert.Equal("http://127.0.0.1:9093/#/alerts?receiver=critical", attachment.TitleLink);
        Assert.Equal("danger", attachment.Color);
        Assert.Equal(new SlackField("Severity", "critical", true), Assert.Single(attachment.Fields));
        Assert.Equal(new SlackAction("button", "Runbook", "https://runbooks.example/DiskFull"), Assert.Single(attachment.Actions));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    public void Returns_null_for_a_body_that_is_not_a_json_object(string body) => Assert.Null(SlackMessage.TryParse(body));

    [Fact]
    public void Reads_unexpected_types_as_null_and_missing_lists_as_empty()
    {
        var message = SlackMessage.TryParse("""{"channel":5,"attachments":[{"title":null,"fields":null,"actions":{}},7]}""");

        Assert.NotNull(message);
        Assert.Null(message.Channel);
        var attachment = Assert.Single(message.Attachments);
        Assert.Null(attachment.Title);
        Assert.Empty(attachment.Fields);
        Assert.Empty(attachment.Actions);
    }
}
