using MlopsAlerting.Core.Rules;
using MlopsAlerting.Core.Settings;

namespace MlopsAlerting.Core.Rendering;

/// <summary>
/// The second guard between stacks that share a Prometheus: the root's first child takes every alert that carries
/// another stack's identity (<see cref="StackIdentity"/>) to a receiver with no integration, so it never reaches this
/// stack's channels or its heartbeat. The first guard is Prometheus's own: the snippet's <c>alert_relabel_configs</c>
/// (the operator's <c>alertRelabelings</c>) send a stack's Alertmanagers only its own alerts. An alert without the label
/// (the guide's hand-posted test alert, <c>review --try</c>) routes as before.
/// </summary>
public static class ForeignStackRoute
{
    /// <summary>The receiver's name.</summary>
    public const string Receiver = "other-stacks";

    /// <summary>The route: the label set, and not to this stack's value.</summary>
    public static RouteConfig Route(StackSettings settings) =>
        new(Receiver, Matchers: [$"{StackIdentity.Label}!=\"\"", $"{StackIdentity.Label}!=\"{StackIdentity.Value(settings)}\""], GroupBy: [StackIdentity.Label]);

    /// <summary>The matcher of an alert that is this stack's or carries no identity (the inhibition's source must be one).</summary>
    public static string OwnOrNone(StackSettings settings) => $"{StackIdentity.Label}=~\"|{StackIdentity.Literal(StackIdentity.Value(settings))}\"";

    /// <summary>The receiver: no integration, so Alertmanager notifies nobody.</summary>
    public static ReceiverConfig ReceiverConfig() => new(Receiver, []);
}
