using MlopsAlerting.Core.Config;

namespace MlopsAlerting.Core.Settings;

/// <summary>Binds <c>access.basicAuth</c> and <c>access.networkPolicy</c>; <c>access.ingress</c> needs the external URL too and has <see cref="IngressSettingsBinder"/>.</summary>
internal static class AccessSettingsBinder
{
    public static AccessSettings? Bind(BindingContext ctx, MapNode? map)
    {
        var auth = ctx.Object(map?["basicAuth"], "access.basicAuth");
        var enabled = ctx.Boolean(auth?["enabled"], "access.basicAuth.enabled");
        var username = ctx.String(auth?["username"], "access.basicAuth.username");
        if (username is not null && !SettingsRules.Username().IsMatch(username))
        {
            ctx.Error("access.basicAuth.username", $"'{username}' is not a usable user name", "use 1 to 64 letters, digits, '.', '_' or '-' (no ':')", auth?["username"]);
            username = null;
        }

        var secretNode = ctx.Object(auth?["prometheusSecret"], "access.basicAuth.prometheusSecret");
        var secretNamespace = ctx.String(secretNode?["namespace"], "access.basicAuth.prometheusSecret.namespace");
        if (secretNamespace is not null && (secretNamespace.Length > 63 || !SettingsRules.DnsLabel().IsMatch(secretNamespace)))
        {
            ctx.Error("access.basicAuth.prometheusSecret.namespace", $"'{secretNamespace}' is not a Kubernetes namespace name", "name the namespace Prometheus runs in, e.g. monitoring", secretNode?["namespace"]);
            secretNamespace = null;
        }

        var secretName = ctx.String(secretNode?["name"], "access.basicAuth.prometheusSecret.name");
        if (secretName is not null && (secretName.Length > 63 || !SettingsRules.DnsLabel().IsMatch(secretName)))
        {
            ctx.Error("access.basicAuth.prometheusSecret.name", $"'{secretName}' is not a usable Secret name", "use at most 63 lower-case letters, digits and '-', e.g. alertmanager-basic-auth (it is also a folder name under /etc/prometheus/secrets)", secretNode?["name"]);
            secretName = null;
        }

        var policy = ctx.Object(map?["networkPolicy"], "access.networkPolicy");
        var policyEnabled = ctx.Boolean(policy?["enabled"], "access.networkPolicy.enabled");
        var peers = new List<NetworkPeer>();
        var peersOk = true;
        switch (policy?["allowFrom"])
        {
            case null:
                peers.Add(new NetworkPeer("monitoring", new Dictionary<string, string> { ["app.kubernetes.io/name"] = "prometheus" }));
                break;
            case ListNode list:
                for (var i = 0; i < list.Items.Count; i++)
                {
                    var path = $"access.networkPolicy.allowFrom[{i}]";
                    var item = ctx.Object(list.Items[i], path);
                    var ns = ctx.String(item?["namespace"], $"{path}.namespace");
                    if (ns is null || !SettingsRules.DnsLabel().IsMatch(ns))
                    {
                        ctx.Error($"{path}.namespace", ns is null ? "is not set" : $"'{ns}' is not a namespace name", "name the namespace of the callers, e.g. `namespace: monitoring`", item?["namespace"] ?? list.Items[i]);
                        peersOk = false;
                        continue;
                    }

                    var labels = ctx.StringMap(item?["podLabels"], $"{path}.podLabels");
                    foreach (var (key, value) in labels ?? new Dictionary<string, string>())
                    {
                        if (!SettingsRules.KubernetesLabelKey().IsMatch(key) || value.Length > 63 || !SettingsRules.KubernetesLabelValue().IsMatch(value))
                        {
                            ctx.Error($"{path}.podLabels.{key}", $"'{key}: {value}' is not a Kubernetes label", "use a label key and value as pods carry them, e.g. app.kubernetes.io/name: prometheus", item?["podLabels"]);
                            peersOk = false;
                        }
                    }

                    peers.Add(new NetworkPeer(ns, labels ?? new Dictionary<string, string>()));
                }

                break;
            case var other:
                ctx.Error("access.networkPolicy.allowFrom", $"must be a list of {{namespace, podLabels}}, not {other.Shape}", "write `- namespace: monitoring` items", other);
                peersOk = false;
                break;
        }

        var cidrs = ctx.StringList(policy?["slackEgressCidrs"], "access.networkPolicy.slackEgressCidrs");
        foreach (var cidr in cidrs ?? [])
        {
            if (!SettingsRules.Cidr(cidr))
            {
                var meant = SettingsRules.CidrSuggestion(cidr) is { } full ? $"did you mean {full}? Kubernetes reads an IPv4 range only with all four parts; " : string.Empty;
                ctx.Error("access.networkPolicy.slackEgressCidrs", $"'{cidr}' is not a CIDR as Kubernetes reads it", $"{meant}write an address range such as 0.0.0.0/0, 203.0.113.0/24 or 2001:db8::/32", policy?["slackEgressCidrs"]);
                peersOk = false;
            }
        }

        if (policyEnabled == true && peers.Count == 0)
        {
            ctx.Error("access.networkPolicy.allowFrom", "is empty, so nothing could send alerts to Alertmanager", "name at least Prometheus's namespace, e.g. `- namespace: monitoring`", policy?["allowFrom"]);
        }

        return enabled is null || username is null || secretNamespace is null || secretName is null || policyEnabled is null || cidrs is null || !peersOk
            ? null
            : new AccessSettings(
                new BasicAuthSettings(enabled.Value, username, new PrometheusSecretSettings(secretNamespace, secretName)),
                new NetworkPolicySettings(policyEnabled.Value, peers, cidrs));
    }
}
