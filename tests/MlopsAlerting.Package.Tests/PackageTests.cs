using System.Xml.Linq;

namespace MlopsAlerting.Package.Tests;

/// <summary>
/// The packages other teams depend on, as tools/pack.sh makes them in a copy of this working tree with a release tag
/// of its own: their version is the tag's, they carry the licence, the repository and commit, a README of their own and
/// source link; and a change that removes public API of the last release fails the pack.
/// </summary>
public sealed class PackageTests
{
    private static readonly string[] Packages = ["MlopsAlerting.Core", "MlopsAlerting.Components"];

    /// <summary>The repository's address, written in one place.</summary>
    private static string RepositoryUrl =>
        XDocument.Load(Path.Combine(RepositoryRoot.Path, "components", "Package.props")).Descendants("RepositoryUrl").Single().Value;

    [Fact]
    public async Task A_tagged_commit_packs_as_the_tags_version_with_licence_repository_readme_and_source_link()
    {
        using var copy = await RepositoryCopy.CreateAsync();
        await copy.TagAsync("v1.2.3");
        var commit = await copy.HeadAsync();

        var pack = await copy.PackAsync();

        Assert.True(pack.ExitCode == 0, pack.Output);
        Assert.Contains("no release tag (vMAJOR.MINOR.PATCH) before HEAD: the first release sets the API", pack.Output, StringComparison.Ordinal);
        foreach (var id in Packages)
        {
            var package = PackedPackage.Open(Path.Combine(copy.Packages, $"{id}.1.2.3.nupkg"));
            Assert.Equal("1.2.3", package.Element("version"));
            Assert.Equal("Apache-2.0", package.Element("license"));
            Assert.Equal("expression", package.Metadata.Elements().Single(e => e.Name.LocalName == "license").Attribute("type")?.Value);
            Assert.Equal(RepositoryUrl, package.Attribute("repository", "url"));
            Assert.Equal("git", package.Attribute("repository", "type"));
            Assert.Equal(commit, package.Attribute("repository", "commit"));
            Assert.Equal(RepositoryUrl, package.Element("projectUrl"));

            // The package's own short README, not the repository's.
            Assert.Equal("README.md", package.Element("readme"));
            Assert.Equal(File.ReadAllText(Path.Combine(copy.Source, "components", id, "README.md")), package.Text("README.md"));
            Assert.StartsWith($"# {id}", package.Text("README.md"), StringComparison.Ordinal);
            Assert.Contains("Apache License", package.Text("LICENSE"), StringComparison.Ordinal);

            // Source link: a debugger fetches each source file from the repository at the packed commit.
            var sourceLink = package.SourceLink($"lib/net10.0/{id}.dll");
            Assert.NotNull(sourceLink);
            Assert.Contains($"{RepositoryUrl.Replace("https://github.com/", "https://raw.githubusercontent.com/", StringComparison.Ordinal)}/{commit}/", sourceLink, StringComparison.Ordinal);
        }

        Assert.Equal("1.2.3", PackedPackage.Open(Path.Combine(copy.Packages, "MlopsAlerting.Components.1.2.3.nupkg")).DependencyVersion("MlopsAlerting.Core"));
    }

    [Fact]
    public async Task A_commit_after_a_release_that_only_adds_api_packs_as_a_prerelease_of_the_next_patch()
    {
        using var copy = await RepositoryCopy.CreateAsync();
        await copy.TagAsync("v1.2.3");
        var binder = Path.Combine(copy.Source, "components", "MlopsAlerting.Core", "Settings", "SettingsBinder.cs");
        var text = await File.ReadAllTextAsync(binder, TestContext.Current.CancellationToken);
        const string Anchor = "    public static StackSettings Bind(StackConfig config)";
        Assert.Contains(Anchor, text, StringComparison.Ordinal);
        await File.WriteAllTextAsync(binder, text.Replace(Anchor, "    public static int AddedAfterTheRelease => 1;\n\n" + Anchor, StringComparison.Ordinal), TestContext.Current.CancellationToken);
        await copy.CommitAsync("Add a member");

        var pack = await copy.PackAsync();

        Assert.True(pack.ExitCode == 0, pack.Output);
        Assert.Contains("packing the last release, v1.2.3, to check the API against", pack.Output, StringComparison.Ordinal);
        Assert.Contains("(API checked against v1.2.3)", pack.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(copy.Packages, "MlopsAlerting.Core.1.2.4-alpha.0.1.nupkg")), pack.Output);
    }

    [Fact]
    public async Task A_commit_after_a_release_that_removes_its_public_api_fails_the_pack_naming_the_member()
    {
        using var copy = await RepositoryCopy.CreateAsync();
        await copy.TagAsync("v1.2.3");
        var binder = Path.Combine(copy.Source, "components", "MlopsAlerting.Core", "Settings", "SettingsBinder.cs");
        var text = await File.ReadAllTextAsync(binder, TestContext.Current.CancellationToken);
        const string Member = "public static string? HeartbeatUrlProblem(string url)";
        Assert.Contains(Member, text, StringComparison.Ordinal);
        await File.WriteAllTextAsync(binder, text.Replace(Member, "internal static string? HeartbeatUrlProblem(string url)", StringComparison.Ordinal), TestContext.Current.CancellationToken);
        await copy.CommitAsync("Hide HeartbeatUrlProblem");

        var pack = await copy.PackAsync();

        Assert.NotEqual(0, pack.ExitCode);
        Assert.Contains("packing the last release, v1.2.3, to check the API against", pack.Output, StringComparison.Ordinal);
        Assert.Contains("CP0002", pack.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("CP0003", pack.Output, StringComparison.Ordinal); // the assembly versions agree: only the API differs
        Assert.Contains("MlopsAlerting.Core.Settings.SettingsBinder.HeartbeatUrlProblem(string)", pack.Output, StringComparison.Ordinal);
    }
}
