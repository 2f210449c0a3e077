using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using System.Xml.Linq;
using Xunit.Sdk;

namespace MlopsAlerting.Infra.Tests;

/// <summary>
/// The alerting as another team's Pulumi program uses it: <c>dotnet pack</c> makes the MlopsAlerting.Core and
/// MlopsAlerting.Components packages, a small program (tests/ConsumerProgram) references them as packages, not
/// projects, and runs under Pulumi's test engine in its own process.
/// </summary>
public sealed class ConsumerProgramTests : IClassFixture<ConsumerProgramTests.Packed>
{
    private readonly Packed _packed;

    public ConsumerProgramTests(Packed packed) => _packed = packed;

    [Fact]
    public async Task From_the_stack_config_keys_it_declares_the_same_resources_with_the_same_inputs_and_outputs_as_the_stack()
    {
        var config = EngineConfig.Committed("prod");
        var consumer = await _packed.RunAsync("stack-config", config);
        var stack = await StackRun.CommittedAsync("prod");
        Assert.Null(stack.Failure);

        // Same URNs (type, name, the parents' types) apart from each program's own provider; same inputs and outputs.
        var stackUrns = new List<string>();
        foreach (var resource in stack.Resources)
        {
            stackUrns.Add(await RegisteredResources.UrnAsync(resource));
        }

        Assert.Equal(WithoutProviders(stackUrns), WithoutProviders(consumer.Urns));
        var stackInputs = RegisteredResources.Inputs(stack.Mocks.Registered);
        Assert.Equal(WithoutProviders(stackInputs.Keys), WithoutProviders(consumer.InputsByResource.Keys));
        foreach (var key in WithoutProviders(stackInputs.Keys))
        {
            Assert.True(stackInputs[key] == consumer.InputsByResource[key], $"{key}: the consumer's inputs differ from the stack's");
        }

        Assert.Equal(stack.Outputs.Keys.Order(StringComparer.Ordinal), consumer.Outputs.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task From_values_in_code_two_environments_live_side_by_side_under_their_prefixes()
    {
        var consumer = await _packed.RunAsync("values", new EngineConfig());

        Assert.Equal(consumer.Urns.Count, consumer.Urns.Distinct(StringComparer.Ordinal).Count());
        foreach (var region in new[] { "eu", "us" })
        {
            Assert.Contains(consumer.Urns, u => u.EndsWith($"mlops-alerting:index:ModelAlerting::{region}", StringComparison.Ordinal));
            var deployment = consumer.InputsByResource[$"{ResourceTypes.StatefulSet}/{region}-alertmanager"];
            Assert.Contains($"\"namespace\":\"ml-{region}\"", deployment, StringComparison.Ordinal);
            Assert.Contains("\"replicas\":3", deployment, StringComparison.Ordinal);
            Assert.Contains($"{region}critical", consumer.InputsByResource[$"{ResourceTypes.Secret}/{region}-alertmanager-slack-webhooks"], StringComparison.Ordinal);
            Assert.Contains($"{ResourceTypes.Pdb}/{region}-alertmanager", consumer.InputsByResource.Keys);
        }

        Assert.Equal(["euInClusterUrl", "euNamespace", "usInClusterUrl", "usNamespace"], consumer.Outputs.Order(StringComparer.Ordinal));
    }

    private static List<string> WithoutProviders(IEnumerable<string> keys) =>
        [.. keys.Where(k => !k.Contains("pulumi:providers:", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    /// <summary>The two packages, packed once for the class under a version of their own, and the consumer program built against them.</summary>
    public sealed class Packed : IAsyncLifetime
    {
        private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(5);
        private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("mlops-consumer-");

        // A version no other run uses, so NuGet's package cache never serves an older pack.
        private readonly string _version = $"0.0.0-consumer.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";

        private string Project => Path.Combine(_root.FullName, "program", "ConsumerProgram.csproj");

        public async ValueTask InitializeAsync()
        {
            var feed = Path.Combine(_root.FullName, "feed");
            // The test projects are built already, in the configuration this assembly was built in; packing builds nothing.
            var configuration = typeof(ConsumerProgramTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
            foreach (var project in new[] { "MlopsAlerting.Core", "MlopsAlerting.Components" })
            {
                await RunAsync("dotnet", ["pack", Path.Combine(RepositoryRoot.Path, "components", project, $"{project}.csproj"), "--no-build", "-c", configuration, "-o", feed, $"-p:Version={_version}"], null);
            }

            var program = Directory.CreateDirectory(Path.Combine(_root.FullName, "program"));
            foreach (var source in Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "tests", "ConsumerProgram"), "*.cs"))
            {
                File.Copy(source, Path.Combine(program.FullName, Path.GetFileName(source)));
            }

            await File.WriteAllTextAsync(Project, ProjectText(), TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(Path.Combine(program.FullName, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <add key="packed" value="{feed}" />
                  </packageSources>
                </configuration>
                """, TestContext.Current.CancellationToken);
            await RunAsync("dotnet", ["build", Project, "-nologo", "-v", "q"], null);
        }

        internal async Task<RegisteredResources> RunAsync(string mode, EngineConfig config)
        {
            var output = Path.Combine(_root.FullName, $"{mode}.json");
            await RunAsync("dotnet", ["run", "--no-build", "--project", Project, "--", "--mocks", mode, output], config);
            return JsonSerializer.Deserialize<RegisteredResources>(await File.ReadAllTextAsync(output))!;
        }

        public ValueTask DisposeAsync()
        {
            _root.Delete(recursive: true);

            // The packs of this run in NuGet's cache are of no use to any later run.
            var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            foreach (var id in new[] { "mlopsalerting.core", "mlopsalerting.components" })
            {
                var folder = new DirectoryInfo(Path.Combine(cache, id, _version));
                if (folder.Exists)
                {
                    folder.Delete(recursive: true);
                }
            }

            return ValueTask.CompletedTask;
        }

        /// <summary>The consumer's project: the packed packages and the Pulumi versions this repository pins, no project reference.</summary>
        private string ProjectText()
        {
            var pins = XDocument.Load(Path.Combine(RepositoryRoot.Path, "Directory.Packages.props")).Descendants("PackageVersion")
                .ToDictionary(e => (string)e.Attribute("Include")!, e => (string)e.Attribute("Version")!);
            return $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="MlopsAlerting.Components" Version="{_version}" />
                    <PackageReference Include="Pulumi" Version="{pins["Pulumi"]}" />
                    <PackageReference Include="Pulumi.Kubernetes" Version="{pins["Pulumi.Kubernetes"]}" />
                  </ItemGroup>
                  <ItemGroup>
                    <Compile Include="{Path.Combine(RepositoryRoot.Path, "tests", "MlopsAlerting.Infra.Tests", "RecordingMocks.cs")}" />
                    <Compile Include="{Path.Combine(RepositoryRoot.Path, "tests", "MlopsAlerting.Infra.Tests", "RegisteredResources.cs")}" />
                    <Compile Include="{Path.Combine(RepositoryRoot.Path, "tests", "MlopsAlerting.Infra.Tests", "OutputValue.cs")}" />
                  </ItemGroup>
                </Project>
                """;
        }

        private static async Task RunAsync(string file, IReadOnlyList<string> arguments, EngineConfig? config)
        {
            var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            // The child reads its configuration where the Pulumi language host puts it; never this process's.
            start.Environment["PULUMI_CONFIG"] = config?.ConfigJson ?? "{}";
            start.Environment["PULUMI_CONFIG_SECRET_KEYS"] = config?.SecretKeysJson ?? "[]";
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(CommandTimeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new XunitException($"{file} {string.Join(' ', arguments)}: not done within {CommandTimeout}");
            }

            if (process.ExitCode != 0)
            {
                throw new XunitException($"{file} {string.Join(' ', arguments)} exited {process.ExitCode}:{Environment.NewLine}{await stdout}{Environment.NewLine}{await stderr}");
            }
        }
    }
}
