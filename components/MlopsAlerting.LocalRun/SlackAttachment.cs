namespace MlopsAlerting.LocalRun;

/// <summary>One attachment of a Slack message, as Alertmanager's <c>slack_configs</c> renders it.</summary>
/// <param name="Title">The <c>title</c> text.</param>
/// <param name="TitleLink">The <c>title_link</c> URL.</param>
/// <param name="Pretext">The <c>pretext</c> text.</param>
/// <param name="Text">The <c>text</c> body.</param>
/// <param name="Fallback">The <c>fallback</c> plain-text summary.</param>
/// <param name="Color">The <c>color</c> (for example <c>danger</c>, <c>good</c> or a hex code).</param>
/// <param name="Footer">The <c>footer</c> text.</param>
/// <param name="Fields">The <c>fields</c>; empty when absent or null.</param>
/// <param name="Actions">The <c>actions</c>; empty when absent or null.</param>
public sealed record SlackAttachment(
    string? Title,
    string? TitleLink,
    string? Pretext,
    string? Text,
    string? Fallback,
    string? Color,
    string? Footer,
    IReadOnlyList<SlackField> Fields,
    IReadOnlyList<SlackAction> Actions);
