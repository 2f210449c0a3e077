namespace MlopsAlerting.Testing;

/// <summary>
/// The repository's root (the folder holding Pulumi.yaml and the solution), found from the running
/// binaries or the current folder. Linked into every test project and the benchmark.
/// </summary>
internal static class RepositoryRoot
{
    private static readonly Lazy<string?> Found = new(Search);

    /// <summary>The root; throws when the binaries do not run from a checkout.</summary>
    public static string Path => Found.Value ?? throw new InvalidOperationException($"Pulumi.yaml and MlopsAlerting.sln were not found above {AppContext.BaseDirectory} or {Directory.GetCurrentDirectory()}.");

    /// <summary>The root, or null when not run from a checkout.</summary>
    public static string? TryFind() => Found.Value;

    private static string? Search()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "Pulumi.yaml")) && File.Exists(System.IO.Path.Combine(dir.FullName, "MlopsAlerting.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }
}
