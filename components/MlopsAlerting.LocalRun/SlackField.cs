namespace MlopsAlerting.LocalRun;

/// <summary>One field of a Slack attachment.</summary>
/// <param name="Title">The field title.</param>
/// <param name="Value">The field value.</param>
/// <param name="Short">Whether Slack may show the field side by side with others.</param>
public sealed record SlackField(string? Title, string? Value, bool Short);
