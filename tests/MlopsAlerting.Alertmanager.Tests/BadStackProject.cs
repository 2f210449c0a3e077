using MlopsAlerting.LocalRun.Tests;

namespace MlopsAlerting.Alertmanager.Tests;

/// <summary>A temporary project folder: the repository's Pulumi.yaml and one stack file written by the test, plus an empty --out target path.</summary>
internal sealed class BadStackProject : IDisposable
{
    private readonly ScratchDirectory _scratch = new();

    public BadStackProject(string stack, string stackFileText)
    {
        Directory = System.IO.Path.Combine(_scratch.Path, "project");
        System.IO.Directory.CreateDirectory(Directory);
        File.Copy(System.IO.Path.Combine(RepositoryRoot.Path, "Pulumi.yaml"), System.IO.Path.Combine(Directory, "Pulumi.yaml"));
        File.WriteAllText(System.IO.Path.Combine(Directory, $"Pulumi.{stack}.yaml"), stackFileText);
        OutDirectory = System.IO.Path.Combine(_scratch.Path, "out");
    }

    public string Directory { get; }

    /// <summary>Not created: the review must not create or fill it when the stack has mistakes.</summary>
    public string OutDirectory { get; }

    public bool NothingWritten => !System.IO.Directory.Exists(OutDirectory) || !System.IO.Directory.EnumerateFileSystemEntries(OutDirectory).Any();

    public void Dispose() => _scratch.Dispose();
}
