using MlopsAlerting.Core.Config;

namespace MlopsAlerting.Review;

/// <summary>
/// <c>review settings-docs [--write] [--project-dir DIR]</c>: the settings reference page and Pulumi.yaml's
/// <c>config:</c> block, both written from the schema. Without <c>--write</c> it says which of them differ from the schema
/// (exit 1); with it, it writes them.
/// </summary>
internal static class SettingsDocsCommand
{
    public const string Name = "settings-docs";

    public static int Run(IReadOnlyList<string> args)
    {
        var write = args.Contains("--write");
        var at = args.ToList().IndexOf("--project-dir");
        var project = at >= 0 && at + 1 < args.Count ? args[at + 1] : Directory.GetCurrentDirectory();
        var unknown = args.Where((a, i) => a != "--write" && a != "--project-dir" && !(i > 0 && args[i - 1] == "--project-dir")).ToList();
        if (unknown.Count > 0)
        {
            Console.Error.WriteLine($"review {Name}: unknown argument {unknown[0]}. Usage: review {Name} [--write] [--project-dir DIR]");
            return 2;
        }

        var projectFile = Path.Combine(project, "Pulumi.yaml");
        if (!File.Exists(projectFile))
        {
            Console.Error.WriteLine($"review {Name}: no Pulumi.yaml in {project}. Fix: run from the repository, or pass --project-dir DIR.");
            return 2;
        }

        var page = Path.Combine(project, SettingsReference.PagePath);
        var wanted = new Dictionary<string, string>
        {
            [projectFile] = ProjectConfigBlock.Replace(File.ReadAllText(projectFile)),
            [page] = SettingsReference.Markdown(),
        };
        var differing = wanted.Where(w => !File.Exists(w.Key) || File.ReadAllText(w.Key) != w.Value).Select(w => w.Key).ToList();
        if (write)
        {
            foreach (var path in differing)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, wanted[path]);
                Console.Out.WriteLine($"wrote {Path.GetRelativePath(project, path)}");
            }

            return 0;
        }

        foreach (var path in differing)
        {
            Console.Out.WriteLine($"{Path.GetRelativePath(project, path)} differs from the schema; run `review {Name} --write`");
        }

        return differing.Count == 0 ? 0 : 1;
    }
}
