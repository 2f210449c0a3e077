using System.Text.RegularExpressions;

namespace MlopsAlerting.Core.Config;

/// <summary>
/// Stack names as Pulumi allows them (<c>^[A-Za-z0-9_.-]{1,100}$</c>, optionally qualified as
/// <c>org/project/stack</c>), and as this program can use them: the name is the
/// <c>app.kubernetes.io/instance</c> label of every object, so it must also be a Kubernetes label value.
/// </summary>
public static partial class StackNames
{
    [GeneratedRegex("^[A-Za-z0-9_.-]{1,100}$", RegexOptions.CultureInvariant)]
    private static partial Regex PulumiName();

    // An organization or project: starts with a letter or digit (never "." or "..").
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$", RegexOptions.CultureInvariant)]
    private static partial Regex Qualifier();

    /// <summary>The stack's own name: the last part of <c>org/project/stack</c>. Never a path.</summary>
    public static string ShortName(string stack) => stack[(stack.LastIndexOf('/') + 1)..];

    /// <summary>Why Pulumi would refuse <paramref name="stack"/> (as typed, possibly qualified), or null.</summary>
    public static string? PulumiProblem(string stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var parts = stack.Split('/');
        if (parts.Length > 3 || !PulumiName().IsMatch(parts[^1]) || parts[..^1].Any(p => !Qualifier().IsMatch(p)) || parts[^1] is "." or "..")
        {
            return $"'{stack}' is not a Pulumi stack name (at most 100 letters, digits, '-', '_' or '.', optionally as org/project/stack), so no stack file is read for it";
        }

        return parts.Length == 3 && parts[1] != SettingsSchema.Project
            ? $"'{stack}' names the project '{parts[1]}', not {SettingsSchema.Project}"
            : null;
    }

    /// <summary>Why a valid Pulumi stack name cannot label this stack's Kubernetes objects, or null.</summary>
    public static string? LabelProblem(string stack)
    {
        var name = ShortName(stack);
        return name.Length <= 63 && SettingsRules.KubernetesLabelValue().IsMatch(name) && name.Length > 0
            ? null
            : $"the stack name '{name}' labels every object (app.kubernetes.io/instance), but Kubernetes label values are at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit";
    }
}
