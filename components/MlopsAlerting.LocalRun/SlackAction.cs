namespace MlopsAlerting.LocalRun;

/// <summary>One action (button) of a Slack attachment.</summary>
/// <param name="Type">The action type, usually <c>button</c>.</param>
/// <param name="Text">The button label.</param>
/// <param name="Url">The link the button opens.</param>
public sealed record SlackAction(string? Type, string? Text, string? Url);
