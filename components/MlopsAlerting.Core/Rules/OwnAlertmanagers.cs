namespace MlopsAlerting.Core.Rules;

/// <summary>
/// How a Prometheus-side self-alert picks this stack's Alertmanagers out of every Alertmanager a (possibly shared)
/// Prometheus sends to. Prometheus labels its notification series with <c>alertmanager</c>, the URL it posts to
/// (<c>http://10.0.3.7:9093/api/v2/alerts</c>); the stack's scrape job labels each replica with <c>instance</c>, the
/// address it scrapes (<c>10.0.3.7:9093</c>). Both discover the replicas the same way (the headless Service's DNS name
/// in the plain files, the pods behind the headless Service for the operator, the Service's name for one replica), so an
/// Alertmanager is this stack's when its URL's host and port are an instance of the scrape job. The address is copied
/// into <see cref="AddressLabel"/> on both sides, so neither side's own <c>instance</c> (Prometheus's, in its self-scrape)
/// is overwritten. An Alertmanager that Prometheus sends to but no longer scrapes (an old pod gone in a rollout) is
/// no longer this stack's, so its last minutes of errors are not reported.
/// </summary>
public static class OwnAlertmanagers
{
    /// <summary>The label both sides get: host and port, as in <c>10.0.3.7:9093</c> or <c>[fd00::7]:9093</c>.</summary>
    public const string AddressLabel = "mlops_address";

    /// <summary>The stack's scraped replicas, each with its address in <see cref="AddressLabel"/>.</summary>
    public static string Scraped(string job) => $$"""label_replace(up{{{job}}}, "{{AddressLabel}}", "$1", "instance", "(.+)")""";

    /// <summary>The series of <paramref name="expression"/> (labelled <c>alertmanager</c>) that are about this stack's replicas.</summary>
    public static string Of(string expression, string job) =>
        $$"""(label_replace({{expression}}, "{{AddressLabel}}", "$1", "alertmanager", "[a-z]+://([^/]+).*") and on({{AddressLabel}}) {{Scraped(job)}})""";
}
