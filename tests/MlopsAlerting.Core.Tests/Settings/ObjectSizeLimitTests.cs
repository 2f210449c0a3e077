using System.Globalization;
using System.Text;
using MlopsAlerting.Core.Settings;

namespace MlopsAlerting.Core.Tests.Settings;

/// <summary>Every object a stack applies is checked against its Kubernetes limit when the stack is bound, before anything is applied.</summary>
public class ObjectSizeLimitTests
{
    [Fact]
    public void TenThousandModelsWithDefaultThresholdsFitWellWithinEveryLimit()
    {
        var settings = StackFiles.Bind(StackFiles.With(Models(10_000, i => $"model-{i:D5}", "      version: v1.0\n")));

        var sizes = ObjectSizeLimit.Sizes(settings);

        Assert.Equal(["ConfigMap", "ConfigMap", "Secret"], sizes.Select(s => s.Kind));
        var rules = Assert.Single(sizes, s => s.Name == "monitoring/mlops-model-alerts");
        Assert.InRange(rules.Bytes, 1, 256 * 1024);
        Assert.All(sizes, s => Assert.False(s.TooLarge));
    }

    [Theory]
    [InlineData("prometheusRule", "PrometheusRule monitoring/mlops-model-alerts", "1.5 MiB etcd stores of one object")]
    [InlineData("configMap", "ConfigMap monitoring/mlops-model-alerts", "1 MiB a Kubernetes ConfigMap holds")]
    public void RulesPastTheirObjectsLimitAreRefusedNamingTheObjectItsSizeAndTheFix(string target, string objectName, string limit)
    {
        // 40,000 models whose names share no prefix: the catalogue's one entry per model passes either limit.
        var yaml = StackFiles.With($"  mlops-alerting:rules:\n    target: {target}\n" + Models(40_000, Scattered, string.Empty));

        var error = Assert.Single(StackFiles.Errors(yaml));

        Assert.Equal("models", error.Key);
        Assert.Contains($"40000 models make the {objectName} ", error.Problem, StringComparison.Ordinal);
        Assert.Matches(@"\d+\.\d MiB, more than the ", error.Problem);
        Assert.Contains(limit, error.Problem, StringComparison.Ordinal);
        Assert.Contains("split them across stacks", error.Fix, StringComparison.Ordinal);
    }

    private static string Scattered(int i) => ((uint)i * 2654435761u).ToString("x8", CultureInfo.InvariantCulture) + ((uint)i * 40503u).ToString("x8", CultureInfo.InvariantCulture);

    private static string Models(int count, Func<int, string> name, string extra)
    {
        var text = new StringBuilder("  mlops-alerting:models:\n");
        for (var i = 0; i < count; i++)
        {
            text.Append("    - name: m").Append(name(i)).Append('\n').Append(extra);
        }

        return text.ToString();
    }
}
