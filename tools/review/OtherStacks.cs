using MlopsAlerting.Core.Config;
using MlopsAlerting.Core.Settings;

namespace MlopsAlerting.Review;

/// <summary>The project's other stack files (<c>Pulumi.&lt;stack&gt;.yaml</c> beside <c>Pulumi.yaml</c>), bound, for the review's collision check.</summary>
internal static class OtherStacks
{
    public static (IReadOnlyList<StackSettings> Bound, IReadOnlyList<string> Unreadable) Read(string projectDirectory, string stack)
    {
        var own = StackNames.ShortName(stack);
        var bound = new List<StackSettings>();
        var unreadable = new List<string>();
        foreach (var file in Directory.EnumerateFiles(projectDirectory, "Pulumi.*.yaml").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file)["Pulumi.".Length..^".yaml".Length];
            if (name == own || name.Length == 0)
            {
                continue;
            }

            try
            {
                bound.Add(SettingsBinder.Bind(StackFileReader.Read(projectDirectory, name)));
            }
            catch (SettingsException)
            {
                unreadable.Add(name);
            }
        }

        return (bound, unreadable);
    }
}
