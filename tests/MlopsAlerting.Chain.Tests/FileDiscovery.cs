using System.Text.Json;

namespace MlopsAlerting.Chain.Tests;

/// <summary>
/// A Prometheus <c>file_sd_configs</c> file standing in for the headless Service's DNS name: it lists the replicas'
/// addresses as the Service's endpoints do, and Prometheus reads each change at once (it watches the file). Written
/// whole and renamed into place, so Prometheus never reads half a list.
/// </summary>
internal sealed class FileDiscovery(string path)
{
    public string Path { get; } = path;

    public void Write(IEnumerable<string> targets)
    {
        var temporary = Path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(new[] { new Dictionary<string, string[]> { ["targets"] = [.. targets] } }));
        File.Move(temporary, Path, overwrite: true);
    }
}
