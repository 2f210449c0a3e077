using System.Text.Json.Nodes;
using MlopsAlerting.Core.Migration;
using MlopsAlerting.Core.Settings;

namespace MlopsAlerting.Core.Tests.Migration;

public class GuideImportTests
{
    [Fact]
    public void The_file_adopts_the_guides_objects_in_the_stacks_namespace_with_unique_entry_names()
    {
        var settings = StackFiles.Committed("prod");
        var resources = JsonNode.Parse(GuideImport.Render(settings))!["resources"]!.AsArray().Select(r => r!).ToList();

        Assert.Equal(resources.Count, resources.Select(r => (string)r["name"]!).Distinct().Count());
        Assert.Equal(
            ["monitoring", "monitoring/alertmanager", "monitoring/alertmanager", "monitoring/alertmanager-config", "monitoring/alertmanager-slack"],
            resources.Where(r => r["id"] is not null).Select(r => (string)r["id"]!));

        // Every parent is an entry of the file, created empty as a component.
        foreach (var child in resources.Where(r => r["parent"] is not null))
        {
            var parent = Assert.Single(resources, r => (string)r["name"]! == (string)child["parent"]!);
            Assert.True((bool)parent["component"]!);
            Assert.Null(parent["id"]);
        }
    }

    [Fact]
    public void The_commands_import_without_protection_or_code_force_the_takeover_preview_update_then_stop_forcing()
    {
        var commands = GuideImport.Commands(StackFiles.Committed("dev"), "guide.json");
        Assert.Equal(
            [
                "pulumi import --file guide.json --protect=false --generate-code=false --stack dev",
                "pulumi config set --path migration.patchForce true --stack dev",
                "pulumi preview --diff --stack dev",
                "pulumi up --stack dev",
                "pulumi config set --path migration.patchForce false --stack dev",
                "pulumi up --stack dev",
            ],
            commands);
    }

    [Fact]
    public void Only_migration_patch_force_annotates_the_adopted_objects()
    {
        Assert.Empty(GuideImport.AdoptedObjectAnnotations(StackFiles.Committed("prod")));
        var adopting = StackFiles.Committed("prod") with { Migration = new MigrationSettings(PatchForce: true) };
        Assert.Equal("true", GuideImport.AdoptedObjectAnnotations(adopting)["pulumi.com/patchForce"]);
    }
}
