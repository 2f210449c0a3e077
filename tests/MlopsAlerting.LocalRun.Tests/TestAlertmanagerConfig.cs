namespace MlopsAlerting.LocalRun.Tests;

/// <summary>Minimal Alertmanager configurations that route to the Slack stand-in.</summary>
internal static class TestAlertmanagerConfig
{
    /// <summary>
    /// Everything goes to receiver <c>all</c> (webhook "all"); <c>severity="critical"</c> also goes to <c>critical</c>
    /// (webhook "critical", channel <c>#critical</c>). No <c>channel</c> on "all": Alertmanager 0.25 does not require one.
    /// </summary>
    public static string RoutingTo(SlackStandIn slack) => $$$"""
        route:
          receiver: all
          group_by: [alertname]
          group_wait: 1s
          group_interval: 1s
          repeat_interval: 1h
          routes:
            - matchers: ['severity="critical"']
              receiver: critical
              continue: true
            - matchers: ['alertname=~".+"']
              receiver: all
        receivers:
          - name: all
            slack_configs:
              - api_url: {{{slack.WebhookUrl("all")}}}
                send_resolved: true
          - name: critical
            slack_configs:
              - api_url: {{{slack.WebhookUrl("critical")}}}
                channel: '#critical'
                title: '{{ .Status | toUpper }} {{ .CommonLabels.alertname }}'
                text: '{{ range .Alerts }}{{ .Annotations.summary }}{{ end }}'
                actions:
                  - type: button
                    text: Runbook
                    url: 'https://runbooks.example/{{ .CommonLabels.alertname }}'
                fields:
                  - title: Severity
                    value: '{{ .CommonLabels.severity }}'
                    short: true
        """;
}
