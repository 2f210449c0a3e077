using MlopsAlerting.Core.Config;

namespace MlopsAlerting.Core.Settings;

internal static class PrometheusTimingsBinder
{
    /// <summary>
    /// The Prometheus timings the start delay is derived from. Zero evaluation interval is what Prometheus refuses; a
    /// start delay over <see cref="SettingsBinder.MaximumStartDelay"/> would keep a rollout past pulumi up's patience and a fresh
    /// replica silent for that long.
    /// </summary>
    public static PrometheusTimings? Bind(BindingContext ctx, MapNode? map)
    {
        var evaluation = ctx.Duration(map?["evaluationInterval"], "prometheus.evaluationInterval");
        var resend = ctx.Duration(map?["resendDelay"], "prometheus.resendDelay");
        if (evaluation is { Value.Ticks: 0 })
        {
            ctx.Error("prometheus.evaluationInterval", "is zero, which Prometheus refuses", "write your Prometheus's evaluation_interval (`kubectl get prometheus -A -o yaml | grep evaluationInterval`, or global.evaluation_interval in prometheus.yml), e.g. 1m", map?["evaluationInterval"]);
            return null;
        }

        if (evaluation is null || resend is null)
        {
            return null;
        }

        var timings = new PrometheusTimings(evaluation, resend);
        if (timings.StartDelay > SettingsBinder.MaximumStartDelay)
        {
            ctx.Error(
                "prometheus",
                $"evaluationInterval {evaluation} + resendDelay {resend} + the 30s discovery refresh make a start delay of {AlertmanagerDurationText.Of(timings.StartDelay)}, over {AlertmanagerDurationText.Of(SettingsBinder.MaximumStartDelay)}: each new replica would notify nothing that long and a rollout would outlast pulumi up's wait",
                "shorten Prometheus's --rules.alert.resend-delay or evaluation interval and set prometheus.resendDelay / prometheus.evaluationInterval to match",
                map?["resendDelay"] ?? map?["evaluationInterval"]);
            return null;
        }

        return timings;
    }
}
