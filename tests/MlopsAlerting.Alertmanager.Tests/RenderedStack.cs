using MlopsAlerting.Core.Rendering;
using MlopsAlerting.Core.Settings;
using MlopsAlerting.Core.Tests;
using MlopsAlerting.LocalRun.Tests;

namespace MlopsAlerting.Alertmanager.Tests;

/// <summary>A committed stack's configuration directory written with <see cref="RenderedConfiguration.WriteTo"/> into a temporary folder.</summary>
internal sealed class RenderedStack : IDisposable
{
    private readonly ScratchDirectory _scratch = new();

    /// <param name="stack">The committed stack.</param>
    /// <param name="appMode">Render it in Slack app mode (a bot token for every channel) instead of its own mode.</param>
    public RenderedStack(string stack, bool appMode = false)
    {
        Settings = appMode ? LocalRun.StandInConfiguration.InAppMode(StackFiles.Committed(stack)) : StackFiles.Committed(stack);
        Rendered = AlertmanagerConfigRenderer.Render(Settings, Path.Combine(_scratch.Path, "secrets"));
        Directory = Path.Combine(_scratch.Path, "config");
        Rendered.WriteTo(Directory);
    }

    public StackSettings Settings { get; }

    public RenderedConfiguration Rendered { get; }

    public string Directory { get; }

    public string ConfigFile => Path.Combine(Directory, ConfigLayout.ConfigFileName);

    public void Dispose() => _scratch.Dispose();
}
