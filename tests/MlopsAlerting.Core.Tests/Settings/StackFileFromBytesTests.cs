using System.Text;
using MlopsAlerting.Core.Config;
using MlopsAlerting.Core.Settings;

namespace MlopsAlerting.Core.Tests.Settings;

/// <summary>A stack file read at a git revision (<c>review --compare</c>) keeps every limit of the work tree's reader and names the revision.</summary>
public class StackFileFromBytesTests
{
    [Fact]
    public void The_committed_prod_file_as_bytes_binds_to_the_same_settings_as_the_file()
    {
        var bytes = File.ReadAllBytes(Path.Combine(RepositoryRoot.Path, "Pulumi.prod.yaml"));

        var fromBytes = StackFileReader.FromBytes("prod", "Pulumi.prod.yaml@main", bytes);

        Assert.Equal("Pulumi.prod.yaml@main", fromBytes.FileName);
        Assert.Equal(StackFiles.Committed("prod").Models, SettingsBinder.Bind(fromBytes).Models);
    }

    [Fact]
    public void An_oversized_file_is_refused_and_named_with_its_revision()
    {
        var bytes = Encoding.UTF8.GetBytes("config:\n  mlops-alerting:environment: " + new string('x', ReadLimits.MaxFileBytes) + "\n");

        var error = Assert.Throws<SettingsException>(() => StackFileReader.FromBytes("prod", "Pulumi.prod.yaml@main", bytes));

        Assert.StartsWith("Pulumi.prod.yaml@main", error.Errors.Single().ToString(), StringComparison.Ordinal);
        Assert.Contains($"larger than {ReadLimits.MaxFileBytes / 1024} KiB", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Latin1_bytes_are_reported_at_their_line_in_the_revision()
    {
        var bytes = Encoding.Latin1.GetBytes("config:\n  mlops-alerting:environment: Produktion-\u00e9\n");

        var error = Assert.Throws<SettingsException>(() => StackFileReader.FromBytes("prod", "Pulumi.prod.yaml@origin/main", bytes));

        Assert.Contains("Pulumi.prod.yaml@origin/main:2:", error.Message, StringComparison.Ordinal);
        Assert.Contains("0xE9, which is not UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_stack_name_is_refused_before_anything_is_parsed()
    {
        Assert.Throws<SettingsException>(() => StackFileReader.FromBytes("../prod", "Pulumi.../prod.yaml@main", "config: {}\n"u8));
    }
}
