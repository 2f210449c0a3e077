using MlopsAlerting.Core.Rendering;
using MlopsAlerting.Core.Rules;
using MlopsAlerting.Core.Settings;

namespace MlopsAlerting.Core.Review;

/// <summary>A stack as it is at one revision (a git ref or the work tree), rendered: one side of a comparison.</summary>
/// <param name="Label">How the review names the revision, e.g. <c>main</c> or <c>work tree</c>.</param>
/// <param name="Settings">The stack's settings at that revision.</param>
/// <param name="Rendered">Its <c>alertmanager.yml</c> and <c>slack.tmpl</c>.</param>
/// <param name="Rules">Its model rule file.</param>
public sealed record StackRevision(string Label, StackSettings Settings, RenderedConfiguration Rendered, RenderedRules Rules)
{
    /// <summary>Renders the stack's artefacts as the review and <c>pulumi up</c> do.</summary>
    public static StackRevision Of(string label, StackSettings settings) =>
        new(label, settings, AlertmanagerConfigRenderer.Render(settings, ConfigLayout.WebhookDirectory), StackRules.Render(settings));
}
