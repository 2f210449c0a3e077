using System.Globalization;
using System.Text;
using MlopsAlerting.Core.Settings;

namespace MlopsAlerting.Core.Dashboard;

/// <summary>
/// The link of a message's View in Grafana button: the stack's dashboard (<c>slack.grafanaUrl</c>/d/<see cref="DashboardUid"/>)
/// from an hour before the earliest alert of the message started to now, with each of its models selected
/// (<c>var-model</c>, URL-encoded) and, when every one of them carries one, their versions (<c>var-version</c>); a message
/// without models (a self-alert) opens the alerting row's first panel (<c>viewPanel</c>). Slack's button URLs are
/// limited: Block Kit documents 3,000 characters, legacy attachment actions document none, so the same bound holds here;
/// when the models do not fit (a storm of many long names), the link selects every model and the message says so. The
/// Slack template (<see cref="Rendering.GrafanaLinkTemplate"/>) builds the same link from the alerts' labels; this class
/// is its counterpart for the review.
/// </summary>
public static class DashboardLink
{
    /// <summary>The longest button URL a message carries.</summary>
    public const int MaxUrlLength = 3000;

    /// <summary>How long before the earliest alert's start the time range begins.</summary>
    public static readonly TimeSpan Before = TimeSpan.FromHours(1);

    /// <summary>What the message says when its models do not fit the link.</summary>
    public const string TooManyModels = "too many models for the link; the dashboard shows all";

    /// <summary>The dashboard's address: <c>slack.grafanaUrl</c>/d/uid.</summary>
    public static string Dashboard(StackSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return $"{settings.Slack.GrafanaUrl.OriginalString.TrimEnd('/')}/d/{DashboardUid.Of(settings)}";
    }

    /// <summary>The longest the model and version parameters may be: the bound less the address and a time range in epoch milliseconds.</summary>
    public static int ParameterBudget(StackSettings settings) => MaxUrlLength - (Dashboard(settings) + "?from=0000000000000&to=now").Length;

    /// <summary>The link of a message whose alerts are <paramref name="alerts"/> (model name or null, version or null, start).</summary>
    public static (string Url, bool AllModels) For(StackSettings settings, IReadOnlyList<(string? Model, string? Version, DateTimeOffset StartsAt)> alerts)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        var from = alerts.Min(a => a.StartsAt) - Before;
        var url = new StringBuilder(Dashboard(settings))
            .Append(CultureInfo.InvariantCulture, $"?from={from.ToUnixTimeMilliseconds()}&to=now");
        var models = alerts.Where(a => !string.IsNullOrEmpty(a.Model)).ToList();
        if (models.Count == 0)
        {
            return (url.Append(CultureInfo.InvariantCulture, $"&viewPanel={ModelDashboard.SelfAlertsPanelId}").ToString(), false);
        }

        var parameters = string.Concat(models.Select(a => a.Model!).Distinct(StringComparer.Ordinal).Select(m => $"&var-{ModelDashboard.ModelVariable}={Uri.EscapeDataString(m)}"));
        if (models.All(a => !string.IsNullOrEmpty(a.Version)))
        {
            parameters += string.Concat(models.Select(a => a.Version!).Distinct(StringComparer.Ordinal).Select(v => $"&var-{ModelDashboard.VersionVariable}={Uri.EscapeDataString(v)}"));
        }

        return parameters.Length <= ParameterBudget(settings)
            ? (url.Append(parameters).ToString(), false)
            : (url.Append(CultureInfo.InvariantCulture, $"&var-{ModelDashboard.ModelVariable}=$__all").ToString(), true);
    }
}
