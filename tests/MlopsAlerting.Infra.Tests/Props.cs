using System.Collections;
using System.Collections.Immutable;
using System.Globalization;

namespace MlopsAlerting.Infra.Tests;

/// <summary>Walks the inputs a resource registered, e.g. <c>spec.template.spec.containers[0].args</c>.</summary>
internal static class Props
{
    public static object? At(object? root, string path)
    {
        var current = root;
        foreach (var part in path.Split('.'))
        {
            var name = part;
            int? index = null;
            if (part.EndsWith(']'))
            {
                var open = part.IndexOf('[', StringComparison.Ordinal);
                index = int.Parse(part[(open + 1)..^1], CultureInfo.InvariantCulture);
                name = part[..open];
            }

            if (name.Length > 0)
            {
                current = current is IDictionary<string, object> map && map.TryGetValue(name, out var next) ? next : null;
            }

            if (index is { } i)
            {
                current = current is IList list && i < list.Count ? list[i] : null;
            }
        }

        return current;
    }

    public static string? Text(object? root, string path) => At(root, path) as string;

    public static List<object> List(object? root, string path) => At(root, path) is IEnumerable items and not string ? [.. items.Cast<object>()] : [];

    public static List<string> Strings(object? root, string path) => [.. List(root, path).Cast<string>()];

    public static ImmutableDictionary<string, object> Map(object? root, string path) =>
        At(root, path) as ImmutableDictionary<string, object> ?? ImmutableDictionary<string, object>.Empty;

    public static Dictionary<string, string> StringMap(object? root, string path) =>
        Map(root, path).ToDictionary(p => p.Key, p => (string)p.Value);

    public static double? Number(object? root, string path) => At(root, path) is { } value ? Convert.ToDouble(value, CultureInfo.InvariantCulture) : null;
}
