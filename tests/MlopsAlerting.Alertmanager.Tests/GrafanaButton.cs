using MlopsAlerting.LocalRun;

namespace MlopsAlerting.Alertmanager.Tests;

/// <summary>A message's View in Grafana button URL, decoded as a browser would: path and each query parameter's values.</summary>
internal sealed record GrafanaButton(string Url, string Path, IReadOnlyDictionary<string, IReadOnlyList<string>> Query)
{
    public static GrafanaButton Of(SlackAttachment attachment)
    {
        var url = Assert.Single(attachment.Actions, a => a.Text == "View in Grafana").Url!;
        var uri = new Uri(url);
        var query = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);

            // A '+' never stands for a space here: the template writes a space as %20, so either reading gives the same.
            Assert.DoesNotContain("+", parts[^1], StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(parts[0]);
            var value = parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : string.Empty;
            if (!query.TryGetValue(key, out var values))
            {
                query[key] = values = [];
            }

            values.Add(value);
        }

        return new GrafanaButton(url, uri.AbsolutePath, query.ToDictionary(q => q.Key, q => (IReadOnlyList<string>)q.Value, StringComparer.Ordinal));
    }

    public IReadOnlyList<string> Values(string key) => Query.TryGetValue(key, out var values) ? values : [];

    public DateTimeOffset From => DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(Assert.Single(Values("from")), System.Globalization.CultureInfo.InvariantCulture));
}
