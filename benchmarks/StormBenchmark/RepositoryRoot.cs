namespace MlopsAlerting.StormBenchmark;

/// <summary>The folder holding Pulumi.yaml and the stack files: searched above the program, then above the current folder.</summary>
internal static class RepositoryRoot
{
    public static string? Find()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Pulumi.yaml")) && File.Exists(Path.Combine(dir.FullName, "Pulumi.prod.yaml")))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }
}
