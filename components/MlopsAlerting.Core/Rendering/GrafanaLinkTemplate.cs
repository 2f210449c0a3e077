using System.Globalization;
using MlopsAlerting.Core.Dashboard;
using MlopsAlerting.Core.Settings;

namespace MlopsAlerting.Core.Rendering;

/// <summary>
/// The Go template of the View in Grafana button (<see cref="DashboardLink"/> tells the link). Built from the alerts'
/// labels and start times with what Alertmanager's templates offer from 0.25 on: Go's <c>urlquery</c> (query escaping,
/// a space as <c>+</c>, which <c>reReplaceAll</c> turns into <c>%20</c> so any URL parser reads it back), <c>printf</c>
/// and <c>len</c>, and <c>time.Time</c>'s methods (<c>Before</c>, <c>Add</c>, <c>UnixMilli</c>). The parameters are
/// computed once per template in variables prefixed <c>$g</c>, so the message text can say when they did not fit.
/// </summary>
public static class GrafanaLinkTemplate
{
    /// <summary>The template's name.</summary>
    public const string Url = "mlops.slack.grafana.url";

    /// <summary>
    /// Actions that set <c>$gModels</c> (each distinct model once, as <c>&amp;var-model=…</c>), <c>$gParams</c> (the models,
    /// and their versions when every model alert has one) and <c>$gFits</c> (the parameters fit the URL bound). No output.
    /// </summary>
    public static string Parameters(StackSettings settings)
    {
        var model = ModelDashboard.ModelVariable;
        var version = ModelDashboard.VersionVariable;
        var budget = DashboardLink.ParameterBudget(settings).ToString(CultureInfo.InvariantCulture);
        return "{{- $gModels := \"\" }}{{ $gVersions := \"\" }}{{ $gUnversioned := false }}"
            + "{{ range $gi, $ga := .Alerts }}{{ if $ga.Labels.model_name }}"
            + "{{ $gSeen := false }}{{ range $gj, $gb := $.Alerts }}{{ if and (lt $gj $gi) (eq $gb.Labels.model_name $ga.Labels.model_name) }}{{ $gSeen = true }}{{ end }}{{ end }}"
            + $"{{{{ if not $gSeen }}}}{{{{ $gModels = printf \"%s&var-{model}=%s\" $gModels (reReplaceAll \"[+]\" \"%20\" (urlquery $ga.Labels.model_name)) }}}}{{{{ end }}}}"
            + "{{ if $ga.Labels.model_version }}"
            + "{{ $gSeen = false }}{{ range $gj, $gb := $.Alerts }}{{ if and (lt $gj $gi) $gb.Labels.model_name (eq $gb.Labels.model_version $ga.Labels.model_version) }}{{ $gSeen = true }}{{ end }}{{ end }}"
            + $"{{{{ if not $gSeen }}}}{{{{ $gVersions = printf \"%s&var-{version}=%s\" $gVersions (reReplaceAll \"[+]\" \"%20\" (urlquery $ga.Labels.model_version)) }}}}{{{{ end }}}}"
            + "{{ else }}{{ $gUnversioned = true }}{{ end }}"
            + "{{ end }}{{ end }}"
            + "{{ $gParams := $gModels }}{{ if not $gUnversioned }}{{ $gParams = printf \"%s%s\" $gModels $gVersions }}{{ end }}"
            + $"{{{{ $gFits := le (len $gParams) {budget} -}}}}";
    }

    /// <summary>The <c>define</c> of <see cref="Url"/>.</summary>
    public static string Define(StackSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var dashboard = GoTemplateText.Escape(DashboardLink.Dashboard(settings));
        var hourBefore = (-DashboardLink.Before.Ticks * 100).ToString(CultureInfo.InvariantCulture);
        return $"{{{{ define \"{Url}\" -}}}}\n"
            + "{{ $gFirst := index .Alerts 0 }}{{ range .Alerts }}{{ if .StartsAt.Before $gFirst.StartsAt }}{{ $gFirst = . }}{{ end }}{{ end -}}\n"
            + $"{dashboard}?from={{{{ ($gFirst.StartsAt.Add {hourBefore}).UnixMilli }}}}&to=now\n"
            + Parameters(settings) + "\n"
            + $"{{{{- if not $gModels }}}}&viewPanel={ModelDashboard.SelfAlertsPanelId}{{{{ else if $gFits }}}}{{{{ $gParams }}}}{{{{ else }}}}&var-{ModelDashboard.ModelVariable}=$__all{{{{ end }}}}\n"
            + "{{- end }}";
    }

    /// <summary>A line of the message text, only when the models did not fit the link.</summary>
    public static string TooManyModelsLine(StackSettings settings) =>
        Parameters(settings) + $"\n{{{{- if and $gModels (not $gFits) }}}}\n*Grafana:* {DashboardLink.TooManyModels}\n{{{{- end }}}}";
}
