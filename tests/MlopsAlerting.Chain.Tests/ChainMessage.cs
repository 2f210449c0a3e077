using MlopsAlerting.LocalRun;

namespace MlopsAlerting.Chain.Tests;

/// <summary>One Slack message of the scenario and how long after the metric change that caused it it arrived.</summary>
/// <param name="Channel">The webhook (channel role) it was posted to.</param>
/// <param name="Step">What it reports: <c>warning</c>, <c>critical</c> or <c>resolved</c>.</param>
/// <param name="Request">The request as the stand-in recorded it.</param>
/// <param name="Latency">From the exporter's value change to the message.</param>
internal sealed record ChainMessage(string Channel, string Step, SlackRequest Request, TimeSpan Latency)
{
    public SlackAttachment Attachment => Assert.Single(Request.Message!.Attachments);
}
