namespace MlopsAlerting.Core.Workload;

/// <summary>
/// A readiness or liveness probe. Without basic auth it is an HTTP GET of <see cref="Path"/> on the
/// web port; with basic auth (<see cref="Command"/> set) it runs busybox <c>wget</c> in the container
/// with the Authorization header read from the mounted web-config Secret, because an httpGet probe
/// can only send a credential written in plain text into the pod spec.
/// </summary>
/// <param name="Path">The URL path, e.g. <c>/-/ready</c> (after the external URL's route prefix).</param>
/// <param name="Command">The exec command, or null for an httpGet probe.</param>
/// <param name="InitialDelaySeconds">Wait after the container starts.</param>
/// <param name="PeriodSeconds">Interval between probes.</param>
/// <param name="TimeoutSeconds">Time one probe may take.</param>
/// <param name="FailureThreshold">Failures in a row that count.</param>
public sealed record ProbeSpec(
    string Path,
    IReadOnlyList<string>? Command,
    int InitialDelaySeconds,
    int PeriodSeconds,
    int TimeoutSeconds,
    int FailureThreshold);
