using System.Diagnostics;

namespace MlopsAlerting.Alertmanager.Tests;

/// <summary>
/// <c>.ci/pr-stack-file.py</c>, the gate of preview.yml: the job holding a token that decrypts a stack's secrets
/// takes a pull request's stack file only when it changes plain settings of the project, never an encrypted value,
/// a key of another namespace or the file's secrets provider.
/// </summary>
public sealed class PreviewStackFileTests
{
    private const string Secrets = "  mlops-alerting:slackWebhooks:\n    all:\n      secure: v1:AAAA\n    critical:\n      secure: v1:BBBB\nencryptionsalt: v1:salt\n";

    [Fact]
    public async Task Plain_project_settings_may_change()
    {
        var result = await GateAsync(Base().Replace("replicas: 3", "replicas: 5", StringComparison.Ordinal) + "  # a comment\n");
        Assert.True(result.ExitCode == 0, result.Error);
    }

    [Theory]
    [InlineData("v1:BBBB", "v1:CCCC", "mlops-alerting:slackWebhooks")]
    [InlineData("  mlops-alerting:environment: Production\n", "  mlops-alerting:environment:\n    secure: v1:AAAA\n", "mlops-alerting:environment")]
    [InlineData("config:\n", "config:\n  kubernetes:context: elsewhere\n", "kubernetes:context")]
    [InlineData("encryptionsalt: v1:salt", "encryptionsalt: v1:other", "encryptionsalt")]
    [InlineData("encryptionsalt: v1:salt", "encryptionsalt: v1:salt\nsecretsprovider: awskms://other", "secretsprovider")]
    // A Pulumi ESC environment imported by a pull request would hand its secrets to the preview job.
    [InlineData("encryptionsalt: v1:salt", "encryptionsalt: v1:salt\nenvironment:\n  - another-team/production-secrets", "environment")]
    public async Task A_secret_a_provider_key_or_the_secrets_provider_changed_is_refused_with_the_key(string from, string to, string key)
    {
        var result = await GateAsync(Base().Replace(from, to, StringComparison.Ordinal));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(key, result.Error, StringComparison.Ordinal);
        Assert.Contains("Fix:", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("v1:AAAA", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_duplicate_key_is_refused()
    {
        var result = await GateAsync(Base().Replace("  mlops-alerting:namespace: monitoring\n", "  mlops-alerting:namespace: monitoring\n  mlops-alerting:namespace: other\n", StringComparison.Ordinal));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("duplicate key", result.Error, StringComparison.Ordinal);
    }

    private static string Base() => File.ReadAllText(Path.Combine(RepositoryRoot.Path, "Pulumi.prod.yaml")) + Secrets;

    private static async Task<(int ExitCode, string Error)> GateAsync(string pullRequestFile)
    {
        using var scratch = new TemporaryFolder();
        var basePath = Path.Combine(scratch.Path, "base.yaml");
        var prPath = Path.Combine(scratch.Path, "pr.yaml");
        await File.WriteAllTextAsync(basePath, Base(), TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(prPath, pullRequestFile, TestContext.Current.CancellationToken);

        var start = new ProcessStartInfo("python3") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { Path.Combine(RepositoryRoot.Path, ".ci", "pr-stack-file.py"), basePath, prPath })
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception) when (Environment.GetEnvironmentVariable("CI") != "true")
        {
            Assert.Skip("python3 is not installed (preview.yml installs python3-yaml on the runner)");
            throw;
        }

        using (process)
        {
            var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            var text = await error;
            if (text.Contains("No module named 'yaml'", StringComparison.Ordinal) && Environment.GetEnvironmentVariable("CI") != "true")
            {
                Assert.Skip("python3-yaml is not installed (preview.yml installs it on the runner)");
            }

            return (process.ExitCode, text);
        }
    }

    /// <summary>A folder deleted with everything in it on dispose.</summary>
    private sealed class TemporaryFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("mlops-pr-stack-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
