using System.Globalization;
using MlopsAlerting.Core.Config;
using YamlDotNet.RepresentationModel;

namespace MlopsAlerting.Core.Tests.Settings;

/// <summary>Pulumi.yaml's config section and the program's schema say the same thing.</summary>
public class PulumiProjectSchemaTests
{
    private static YamlMappingNode ProjectConfig()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "Pulumi.yaml"))));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        Assert.Equal("mlops-alerting", ((YamlScalarNode)root["name"]).Value);
        Assert.Equal("dotnet", ((YamlScalarNode)root["runtime"]).Value);
        Assert.Equal("infra/", ((YamlScalarNode)root["main"]).Value);
        return (YamlMappingNode)root["config"];
    }

    [Fact]
    public void Pulumi_yamls_config_block_is_what_the_schema_writes()
    {
        var committed = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "Pulumi.yaml"));

        Assert.True(ProjectConfigBlock.Replace(committed) == committed, "Pulumi.yaml's config: block differs from the schema's; edit SettingsSchema.cs and run `dotnet run --project tools/review -- settings-docs --write`");
    }

    [Fact]
    public void The_settings_reference_page_is_what_the_schema_writes_and_names_every_setting()
    {
        var committed = File.ReadAllText(Path.Combine(RepositoryRoot.Path, SettingsReference.PagePath));

        Assert.True(SettingsReference.Markdown() == committed, $"{SettingsReference.PagePath} differs from the schema's; edit SettingsSchema.cs and run `dotnet run --project tools/review -- settings-docs --write`");
        foreach (var key in SettingsSchema.Keys)
        {
            foreach (var (path, spec) in SettingsReference.Leaves(key, key.Name))
            {
                Assert.Contains($"| `{path}` | {SettingsReference.TypeName(spec)} | ", committed, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Pulumi_yaml_declares_exactly_the_schemas_keys_each_with_a_description()
    {
        var config = ProjectConfig();
        var declared = config.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).Order(StringComparer.Ordinal);

        Assert.Equal(SettingsSchema.Keys.Select(k => k.Name).Order(StringComparer.Ordinal), declared);
        foreach (var (key, value) in config.Children)
        {
            var description = ((YamlMappingNode)value).Children.FirstOrDefault(c => ((YamlScalarNode)c.Key).Value == "description").Value as YamlScalarNode;
            Assert.False(string.IsNullOrWhiteSpace(description?.Value), $"{key} has no description");
        }
    }

    [Fact]
    public void Scalar_defaults_in_Pulumi_yaml_equal_the_schemas_and_nested_defaults_are_documented()
    {
        foreach (var (key, value) in ProjectConfig().Children)
        {
            var name = ((YamlScalarNode)key).Value!;
            var spec = SettingsSchema.Find(name)!;
            var node = (YamlMappingNode)value;
            var declaredDefault = node.Children.FirstOrDefault(c => ((YamlScalarNode)c.Key).Value == "default").Value;
            Assert.NotNull(declaredDefault);
            if (spec.Kind == SettingKind.String)
            {
                Assert.Equal(Convert.ToString(spec.Default, CultureInfo.InvariantCulture) ?? string.Empty, ((YamlScalarNode)declaredDefault).Value);
            }

            var description = ((YamlScalarNode)node["description"]).Value!;
            foreach (var child in spec.Children ?? [])
            {
                Assert.Contains(child.Name, description, StringComparison.Ordinal);
                if (child.Default is string or int or bool && child.Kind != SettingKind.Object)
                {
                    Assert.Contains(Convert.ToString(child.Default, CultureInfo.InvariantCulture)!.ToLowerInvariant(), description.ToLowerInvariant(), StringComparison.Ordinal);
                }
            }
        }
    }
}
