namespace MlopsAlerting.Resilience.Tests;

/// <summary>The folder holding Pulumi.yaml and the stack files, found from the test binaries.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Pulumi.yaml")) && File.Exists(System.IO.Path.Combine(dir.FullName, "MlopsAlerting.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Pulumi.yaml not found above " + AppContext.BaseDirectory);
    }
}
