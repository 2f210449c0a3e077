using MlopsAlerting.Core.Config;

namespace MlopsAlerting.Core.Settings;

/// <summary>
/// The top-level values that name the stack rather than configure a section: the stack's own name, its
/// <c>namespace</c> and its <c>environment</c>.
/// </summary>
internal static class StackIdentityBinder
{
    public static void CheckStackName(BindingContext ctx, string stack)
    {
        if ((StackNames.PulumiProblem(stack) ?? StackNames.LabelProblem(stack)) is { } stackProblem)
        {
            ctx.Error("stack", stackProblem, "use a stack name of at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit, e.g. dev or prod (`pulumi stack rename`)", null);
        }
    }

    public static string? BindNamespace(BindingContext ctx, ConfigNode? node)
    {
        var ns = ctx.String(node, "namespace");
        if (ns is not null && (ns.Length > 63 || !SettingsRules.DnsLabel().IsMatch(ns)))
        {
            ctx.Error("namespace", $"'{ns}' is not a Kubernetes namespace name", "use at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit, e.g. monitoring", node);
        }

        return ns;
    }

    public static string BindEnvironment(BindingContext ctx, ConfigNode? node, string stack) =>
        ctx.String(node, "environment") is { } env && env.Trim().Length > 0 ? env.Trim() : stack;
}
