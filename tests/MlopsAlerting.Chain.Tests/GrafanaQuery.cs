using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MlopsAlerting.Core.Dashboard;

namespace MlopsAlerting.Chain.Tests;

/// <summary>
/// A dashboard query as Grafana's Prometheus data source sends it: a multi-value or All variable used in a regex matcher
/// becomes the values with regex metacharacters escaped (Grafana's <c>prometheusSpecialRegexEscape</c>: a backslash is
/// doubled twice, the others get a PromQL-escaped backslash) joined as <c>(a|b)</c>, or the variable's All value;
/// <c>$__rate_interval</c> becomes four of the data source's default 15 s scrape interval (the floor Grafana puts
/// under it); then <c>query_range</c> over the window.
/// </summary>
internal static partial class GrafanaQuery
{
    /// <summary>Grafana's <c>$__rate_interval</c> with the data source's default scrape interval: max(4 × 15 s, interval + 15 s).</summary>
    public const string RateInterval = "1m";

    public static string Interpolate(string expr, IReadOnlyDictionary<string, IReadOnlyList<string>?> selected, IReadOnlyList<DashboardVariable> variables)
    {
        var text = expr.Replace(ModelDashboard.RateInterval, RateInterval, StringComparison.Ordinal);
        foreach (var variable in variables)
        {
            var values = selected.GetValueOrDefault(variable.Name);
            var value = values is null ? variable.AllValue
                : values.Count == 1 ? RegexEscape(values[0])
                : "(" + string.Join("|", values.Select(RegexEscape)) + ")";
            text = text.Replace("$" + variable.Name, value, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("$", Regex.Replace(text, "\"\\$1\"", string.Empty), StringComparison.Ordinal);
        return text;
    }

    /// <summary>Grafana's <c>prometheusSpecialRegexEscape</c>.</summary>
    public static string RegexEscape(string value) =>
        Metacharacter().Replace(value.Replace("\\", "\\\\\\\\", StringComparison.Ordinal), m => "\\\\" + m.Value);

    /// <summary>The series of a range query: labels and the values at each step.</summary>
    public static async Task<IReadOnlyList<(IReadOnlyDictionary<string, string> Labels, IReadOnlyList<double> Values)>> RangeAsync(Uri prometheus, string promql, TimeSpan window, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = prometheus };
        var end = DateTimeOffset.UtcNow;
        var start = end - window;
        var url = $"api/v1/query_range?query={Uri.EscapeDataString(promql)}&start={start.ToUnixTimeSeconds()}&end={end.ToUnixTimeSeconds()}&step=2";
        var response = await http.GetAsync(url, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{promql}: {body}");
        var json = JsonNode.Parse(body)!;
        Assert.Equal("success", json["status"]?.GetValue<string>());
        return [.. json["data"]!["result"]!.AsArray().Select(series => (
            (IReadOnlyDictionary<string, string>)series!["metric"]!.AsObject().ToDictionary(l => l.Key, l => l.Value!.GetValue<string>()),
            (IReadOnlyList<double>)[.. series["values"]!.AsArray().Select(v => double.Parse(v![1]!.GetValue<string>(), CultureInfo.InvariantCulture))]))];
    }

    /// <summary>A variable's options as Grafana reads them: <c>GET /api/v1/label/&lt;label&gt;/values?match[]=selector</c>.</summary>
    public static async Task<IReadOnlyList<string>> LabelValuesAsync(Uri prometheus, string label, string selector, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = prometheus };
        var body = await http.GetStringAsync($"api/v1/label/{label}/values?match[]={Uri.EscapeDataString(selector)}", cancellationToken);
        return [.. JsonNode.Parse(body)!["data"]!.AsArray().Select(v => v!.GetValue<string>())];
    }

    [GeneratedRegex(@"[$^*{}\[\]'+?.()|]", RegexOptions.CultureInvariant)]
    private static partial Regex Metacharacter();
}
