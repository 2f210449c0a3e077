using MlopsAlerting.Core.Settings;

namespace MlopsAlerting.Core.Rendering;

/// <summary>
/// The named Go templates of every Slack message, written to <c>slack.tmpl</c> beside
/// <c>alertmanager.yml</c>. Stack settings enter only as quoted string literals.
/// </summary>
public static class SlackTemplates
{
    public const string Title = "mlops.slack.title";
    public const string Text = "mlops.slack.text";
    public const string Fallback = "mlops.slack.fallback";
    public const string Color = "mlops.slack.color";
    public const string MaeTitle = "mlops.slack.mae.title";
    public const string MaeValue = "mlops.slack.mae.value";
    public const string ThresholdTitle = "mlops.slack.threshold.title";
    public const string ThresholdValue = "mlops.slack.threshold.value";
    public const string SilenceUrl = "mlops.slack.silence.url";

    /// <summary>Alerts listed one by one in a message; the rest are counted, to stay within Slack's message size.</summary>
    public const int MaxBullets = 25;

    /// <summary>
    /// The labels the Silence button pre-fills, when the message's alerts share them. Only labels that stay
    /// the same while a model's problem lasts: the scrape's <c>instance</c> and <c>job</c> change when the
    /// model's pod moves, and a silence made with them would stop matching.
    /// </summary>
    public static readonly IReadOnlyList<string> SilenceLabels = ["alertname", "model_name", "severity"];

    /// <summary>
    /// Alerts told in full (description, start date, runbook) in one message; a bigger group (a storm)
    /// lists each alert on one short line (model, MAE, since) and its common runbook once, so that a
    /// 50-model message stays within Slack's advised 4,000 characters of text.
    /// </summary>
    public const int FullLinesUpTo = 5;

    /// <summary>A line <c>*Title:* a, b</c> naming once each model with an alert of this severity (empty: any other); nothing when there is none.</summary>
    private static string ModelsOf(string severity, string title)
    {
        var match = severity.Length == 0
            ? "(not (eq $a.Labels.severity \"critical\" \"warning\" \"info\"))"
            : $"(eq $a.Labels.severity \"{severity}\")";
        var earlier = severity.Length == 0
            ? "(not (eq $b.Labels.severity \"critical\" \"warning\" \"info\"))"
            : $"(eq $b.Labels.severity \"{severity}\")";
        return "{{ $sep := \"\" }}{{ range $i, $a := .Alerts }}{{ if " + match + " }}{{ $seen := false }}"
            + "{{ range $j, $b := $.Alerts }}{{ if and (lt $j $i) " + earlier + " (eq $b.Labels.model_name $a.Labels.model_name) }}{{ $seen = true }}{{ end }}{{ end }}"
            + "{{ if not $seen }}{{ if not $sep }}\n*" + title + ":* {{ else }}{{ $sep }}{{ end }}{{ or $a.Labels.model_name \"(no model label)\" }}{{ $sep = \", \" }}{{ end }}{{ end }}{{ end }}";
    }

    /// <summary><c>{{ template "name" . }}</c>, the value of a Slack field in alertmanager.yml.</summary>
    public static string Use(string name) => $"{{{{ template \"{name}\" . }}}}";

    public static string Render(StackSettings settings)
    {
        var environment = GoTemplateText.Literal(settings.Environment);
        var owner = GoTemplateText.Literal(settings.Slack.Owner);
        var runbookFallback = settings.Slack.RunbookBaseUrl is { } runbookBase
            ? $"{{{{ else }}}} · <{GoTemplateText.Literal(runbookBase.OriginalString.TrimEnd('/'))}/{{{{ .Labels.alertname }}}}|Runbook>"
            : string.Empty;

        var commonRunbookFallback = settings.Slack.RunbookBaseUrl is { } commonBase
            ? $"{{{{ else }}}}{{{{ with .CommonLabels.alertname }}}}\n*Runbook:* <{GoTemplateText.Literal(commonBase.OriginalString.TrimEnd('/'))}/{{{{ . }}}}|Runbook>{{{{ end }}}}"
            : string.Empty;

        // A group can mix severities (the all channel groups every alert together): its title and
        // colour follow the most severe firing alert.
        const string top = """{{ $top := .CommonLabels.severity }}{{ if not $top }}{{ range .Alerts.Firing }}{{ if eq .Labels.severity "critical" }}{{ $top = "critical" }}{{ else if and (eq .Labels.severity "warning") (ne $top "critical") }}{{ $top = "warning" }}{{ end }}{{ end }}{{ end }}""";

        // The Silence button's matchers: the stable labels the alerts share.
        var stable = "eq $p.Name " + string.Join(" ", SilenceLabels.Select(l => $"\"{l}\""));

        // A mixed group (the all channel's) names its models on one line per severity.
        var bySeverity = string.Concat(new[] { ("critical", "Critical"), ("warning", "Warning"), ("info", "Info") }.Select(s => ModelsOf(s.Item1, s.Item2)))
            + ModelsOf(string.Empty, "Other");

        var tooManyModels = GrafanaLinkTemplate.TooManyModelsLine(settings);
        var grafanaUrl = GrafanaLinkTemplate.Define(settings);

        // Whitespace matters: every action that ends a line trims what follows with "-}}" or
        // starts with "{{-", so a message has no stray blank lines.
        return $$$"""
{{/* mlops-alerting Slack templates. Generated from the stack settings by the program; do not edit by hand. */}}

{{ define "mlops.environment" }}{{{environment}}}{{ end }}
{{ define "mlops.owner" }}{{{owner}}}{{ end }}

{{ define "mlops.severity.word" -}}
{{{top}}}{{ if eq $top "critical" }}Critical Alert{{ else if eq $top "warning" }}Warning{{ else if eq $top "info" }}Info{{ else }}Alert{{ end }}
{{- end }}

{{ define "mlops.emoji" -}}
{{{top}}}{{ if eq .Status "resolved" }}✅{{ else if eq $top "critical" }}🚨{{ else if eq $top "warning" }}⚠️{{ else }}ℹ️{{ end }}
{{- end }}

{{ define "mlops.alertname" -}}
{{ with .CommonLabels.alertname }}{{ . }}{{ else }}{{ len .Alerts }} alerts{{ end }}
{{- end }}

{{ define "mlops.models" -}}
{{ $sep := "" }}{{ $any := false -}}
{{ range $i, $a := .Alerts }}{{ $seen := false }}{{ range $j, $b := $.Alerts }}{{ if and (lt $j $i) (eq $b.Labels.model_name $a.Labels.model_name) }}{{ $seen = true }}{{ end }}{{ end -}}
{{ if and $a.Labels.model_name (not $seen) }}{{ $sep }}{{ $a.Labels.model_name }}{{ $sep = ", " }}{{ $any = true }}{{ end }}{{ end -}}
{{ if not $any }}(no model label){{ end }}
{{- end }}

{{ define "mlops.models.by.severity" -}}
{{{bySeverity}}}
{{- end }}

{{ define "{{{Title}}}" -}}
{{ template "mlops.emoji" . }} {{ if eq .Status "resolved" }}Resolved{{ else }}{{ template "mlops.severity.word" . }}{{ end }}: {{ template "mlops.alertname" . }}
{{- if gt (len .Alerts) 1 }} ({{ if eq .Status "resolved" }}{{ len .Alerts }} resolved{{ else }}{{ len .Alerts.Firing }} firing{{ if .Alerts.Resolved }}, {{ len .Alerts.Resolved }} resolved{{ end }}{{ end }}){{ end }}
{{- end }}

{{/* A duration as people say it: 45s, 15m, 2h5m. */}}
{{ define "mlops.duration" -}}
{{ if lt .Seconds 60.0 }}{{ .Truncate 1000000000 }}{{ else }}{{ reReplaceAll "0s$" "" (.Truncate 60000000000).String }}{{ end }}
{{- end }}

{{ define "mlops.alert.line" -}}
{{ if eq .Status "resolved" }}✅ {{ end }}*{{ or .Labels.model_name .Labels.alertname }}*{{ with .Labels.model_version }} {{ . }}{{ end }}:
{{- if eq .Status "resolved" }} back to normal at {{ .EndsAt.UTC.Format "2006-01-02 15:04:05 MST" }} after firing for {{ template "mlops.duration" (.EndsAt.Sub .StartsAt) }} (was: {{ or .Annotations.description .Annotations.summary .Labels.alertname }}, since {{ .StartsAt.UTC.Format "15:04:05 MST" }})
{{- else }} {{ or .Annotations.description .Annotations.summary .Labels.alertname }} · since {{ .StartsAt.UTC.Format "2006-01-02 15:04:05 MST" }}{{ end }}
{{- if .Annotations.runbook_url }} · <{{ .Annotations.runbook_url }}|Runbook>{{{runbookFallback}}}{{ end }}
{{- end }}

{{ define "mlops.alert.short" -}}
{{ if eq .Status "resolved" }}✅ {{ end }}*{{ or .Labels.model_name .Labels.alertname }}*{{ with .Labels.model_version }} {{ . }}{{ end }}:
{{- with .Annotations.mae_score }} {{ if eq $.Status "resolved" }}last {{ end }}MAE {{ . }}{{ else }} {{ or .Annotations.summary .Labels.alertname }}{{ end }}
{{- if eq .Status "resolved" }} · back to normal at {{ .EndsAt.UTC.Format "15:04:05 MST" }}{{ else }} · since {{ .StartsAt.UTC.Format "15:04:05 MST" }}{{ end }}
{{- end }}

{{ define "mlops.alertnames" -}}
{{ $sep := "" }}{{ range $i, $a := .Alerts }}{{ $seen := false }}{{ range $j, $b := $.Alerts }}{{ if and (lt $j $i) (eq $b.Labels.alertname $a.Labels.alertname) }}{{ $seen = true }}{{ end }}{{ end -}}
{{ if not $seen }}{{ $sep }}{{ $a.Labels.alertname }}{{ $sep = ", " }}{{ end }}{{ end }}
{{- end }}

{{ define "{{{Text}}}" -}}
*Environment:* {{ template "mlops.environment" . }}
{{- if not .CommonLabels.alertname }}
*Alerts:* {{ template "mlops.alertnames" . }}
{{- end }}
{{ if .CommonLabels.severity -}}
*Model:* {{ template "mlops.models" . }}
*Severity:* {{ toUpper .CommonLabels.severity }}
{{- else -}}
*Severity:* MIXED
{{- template "mlops.models.by.severity" . }}
{{- end }}
*Status:* {{ if eq .Status "resolved" }}RESOLVED{{ else }}FIRING{{ end }}
{{- $short := gt (len .Alerts) {{{FullLinesUpTo}}} }}
{{- range $i, $a := .Alerts }}{{ if lt $i {{{MaxBullets}}} }}
• {{ if not $.CommonLabels.severity }}[{{ with $a.Labels.severity }}{{ toUpper . }}{{ else }}NO SEVERITY{{ end }}] {{ end }}{{ if $short }}{{ template "mlops.alert.short" $a }}{{ else }}{{ template "mlops.alert.line" $a }}{{ end }}
{{- end }}{{ end }}
{{- if gt (len .Alerts) {{{MaxBullets}}} }}
• … and {{ len (slice .Alerts {{{MaxBullets}}}) }} more: open Alertmanager for the whole list
{{- end }}
{{- if $short }}{{ with .CommonAnnotations.runbook_url }}
*Runbook:* <{{ . }}|Runbook>{{{commonRunbookFallback}}}{{ end }}{{ end }}{{{tooManyModels}}}
*Owner:* {{ template "mlops.owner" . }}
{{- end }}

{{ define "{{{Fallback}}}" -}}
{{ template "{{{Title}}}" . }} | {{ template "mlops.environment" . }} | {{ template "mlops.models" . }}
{{- end }}

{{ define "{{{Color}}}" -}}
{{{top}}}{{ if eq .Status "resolved" }}good{{ else if eq $top "critical" }}danger{{ else if eq $top "warning" }}warning{{ else }}#439FE0{{ end }}
{{- end }}

{{/* A firing message shows the values of its firing alerts. A resolved alert carries the value of its last
     evaluation while firing (Prometheus sends no newer one), so a resolved message says so. A bigger group
     than FullLinesUpTo shows each listed alert's MAE in its line; its fields stay short. */}}

{{ define "{{{MaeTitle}}}" -}}
{{ $has := false }}{{ if le (len .Alerts) {{{FullLinesUpTo}}} }}{{ range (or (and (eq .Status "resolved") .Alerts) .Alerts.Firing) }}{{ if .Annotations.mae_score }}{{ $has = true }}{{ end }}{{ end }}{{ end }}{{ if $has }}{{ if eq .Status "resolved" }}Last MAE while firing{{ else }}MAE Score{{ end }}{{ end }}
{{- end }}

{{ define "{{{MaeValue}}}" -}}
{{ if le (len .Alerts) {{{FullLinesUpTo}}} }}{{ $sep := "" }}{{ range (or (and (eq .Status "resolved") .Alerts) .Alerts.Firing) }}{{ if .Annotations.mae_score }}{{ $sep }}{{ if gt (len $.Alerts) 1 }}{{ .Labels.model_name }} {{ if not $.CommonLabels.severity }}{{ .Labels.severity }} {{ end }}{{ end }}{{ .Annotations.mae_score }}{{ $sep = ", " }}{{ end }}{{ end }}{{ end }}
{{- end }}

{{ define "{{{ThresholdTitle}}}" -}}
{{ $has := false }}{{ range .Alerts }}{{ if .Annotations.threshold }}{{ $has = true }}{{ end }}{{ end }}{{ if $has }}Threshold{{ end }}
{{- end }}

{{ define "mlops.thresholds.distinct" -}}
{{ $sep := "" }}{{ range $i, $a := .Alerts }}{{ if $a.Annotations.threshold }}{{ $seen := false }}
{{- range $j, $b := $.Alerts }}{{ if and (lt $j $i) (eq $b.Annotations.threshold $a.Annotations.threshold) (eq $b.Labels.severity $a.Labels.severity) }}{{ $seen = true }}{{ end }}{{ end }}
{{- if not $seen }}{{ $sep }}{{ with $a.Labels.severity }}{{ . }} {{ end }}{{ $a.Annotations.threshold }}{{ $sep = ", " }}{{ end }}{{ end }}{{ end }}
{{- end }}

{{ define "{{{ThresholdValue}}}" -}}
{{ with .CommonAnnotations.threshold }}{{ . }}{{ else }}{{ if gt (len .Alerts) {{{FullLinesUpTo}}} }}{{ template "mlops.thresholds.distinct" . }}{{ else }}{{ $sep := "" }}{{ range .Alerts }}{{ if .Annotations.threshold }}{{ $sep }}{{ .Labels.model_name }} {{ .Annotations.threshold }}{{ $sep = ", " }}{{ end }}{{ end }}{{ end }}{{ end }}
{{- end }}

{{/* The View in Grafana button: the stack's dashboard at the alert (DashboardLink). */}}
{{{grafanaUrl}}}

{{ define "{{{SilenceUrl}}}" -}}
{{ .ExternalURL }}/#/silences/new?filter={{ urlquery "{" }}
{{- $sep := false }}{{ range $p := .CommonLabels.SortedPairs }}{{ if {{{stable}}} }}{{ if $sep }}{{ urlquery "," }}{{ end }}{{ urlquery $p.Name }}{{ urlquery "=\"" }}{{ urlquery $p.Value }}{{ urlquery "\"" }}{{ $sep = true }}{{ end }}{{ end -}}
{{ urlquery "}" }}
{{- end }}

""";
    }
}
