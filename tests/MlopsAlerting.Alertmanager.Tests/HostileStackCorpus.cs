using System.Text;

namespace MlopsAlerting.Alertmanager.Tests;

/// <summary>
/// The corpus of bad stack files: the committed files in <c>HostileStacks/</c> (listed with their
/// expected outcome in <c>HostileStacks/expectations.tsv</c>) and a few generated here because they
/// are large or are not a plain file (deep nesting, a file past the size limit, a folder, stack names).
/// </summary>
internal static class HostileStackCorpus
{
    /// <summary>Every secret planted in the corpus carries this word; no output may ever show it.</summary>
    public const string SecretMarker = "Sentinel";

    public static string Directory => Path.Combine(RepositoryRoot.Path, "tests", "MlopsAlerting.Alertmanager.Tests", "HostileStacks");

    private static readonly Lazy<IReadOnlyList<HostileStackCase>> Cases = new(() => [.. Committed(), .. Generated()]);

    public static IReadOnlyList<HostileStackCase> All => Cases.Value;

    public static TheoryData<string> Names() => [.. All.Select(c => c.Name)];

    public static HostileStackCase Case(string name) => All.Single(c => c.Name == name);

    private static IEnumerable<HostileStackCase> Committed()
    {
        foreach (var line in File.ReadAllLines(Path.Combine(Directory, "expectations.tsv")).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var fields = line.Split('\t');
            var stack = fields[0]["Pulumi.".Length..^".yaml".Length];
            yield return new HostileStackCase(stack, stack, File.ReadAllBytes(Path.Combine(Directory, fields[0])), fields[1] == "accept", fields[2], fields[3]);
        }
    }

    private static IEnumerable<HostileStackCase> Generated()
    {
        const string head = "config:\n  mlops-alerting:environment: Corpus\n";
        var valid = Encoding.UTF8.GetBytes(head);
        var secretFile = Encoding.UTF8.GetBytes("config:\n  mlops-alerting:environment: OutsideTheProjectSentinel\n");

        yield return new HostileStackCase("generated-stack-name-parent-folder", "../outside", null, false, "stack", "is not a Pulumi stack name")
        {
            // A stack file outside the project, which a path built from the name would reach.
            Arrange = project => File.WriteAllBytes(Path.Combine(project, "..", "Pulumi.outside.yaml"), secretFile),
        };
        yield return new HostileStackCase("generated-stack-name-absolute-path", "/etc/passwd", null, false, "stack", "is not a Pulumi stack name");
        yield return new HostileStackCase("generated-stack-name-four-parts", "org/mlops-alerting/dev/extra", null, false, "stack", "is not a Pulumi stack name");
        yield return new HostileStackCase("generated-stack-name-with-space", "my stack", null, false, "stack", "is not a Pulumi stack name");
        yield return new HostileStackCase("generated-stack-name-not-a-label-value", new string('s', 64), valid, false, "stack", "Kubernetes label values are at most 63");
        yield return new HostileStackCase("generated-stack-name-leading-dot", ".hidden", valid, false, "stack", "Kubernetes label values");
        yield return new HostileStackCase("generated-stack-file-is-a-folder", "folder", null, false, "", "is a folder, not a stack file")
        {
            Arrange = project => System.IO.Directory.CreateDirectory(Path.Combine(project, "Pulumi.folder.yaml")),
        };
        yield return new HostileStackCase("generated-file-past-the-size-limit", "huge",
            Encoding.UTF8.GetBytes(head + "# " + new string('x', 5 * 1024 * 1024) + "\n"), false, "", "is larger than 4096 KiB");
        yield return new HostileStackCase("generated-deep-nesting", "deep",
            Encoding.UTF8.GetBytes(head + "  mlops-alerting:models: " + new string('[', 100_000) + new string(']', 100_000) + "\n"), false, "", "nests maps and lists more than 32 levels deep");
        yield return new HostileStackCase("generated-too-many-values", "many",
            Encoding.UTF8.GetBytes(head + "  mlops-alerting:routing:\n    groupBy:\n" + string.Concat(Enumerable.Repeat("      - a\n", 210_000))), false, "", "makes the file hold more than 200000 values");
        yield return new HostileStackCase("generated-rules-past-the-configmap-limit", "models",
            Encoding.UTF8.GetBytes(head + "  mlops-alerting:models:\n" + string.Concat(Enumerable.Range(0, 40_000).Select(i => $"    - name: m{(uint)i * 2654435761u:x8}{(uint)i * 40503u:x8}\n"))), false, "models", "more than the 1 MiB a Kubernetes ConfigMap holds");
        yield return new HostileStackCase("generated-many-models-within-the-limit", "fifty",
            Encoding.UTF8.GetBytes(head + "  mlops-alerting:models:\n" + string.Concat(Enumerable.Range(0, 50).Select(i => $"    - name: model-{i:D2}\n      version: '{{{{ $value }}}}-{i}'\n"))), true, "", "");
    }
}
