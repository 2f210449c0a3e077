using System.Security.Cryptography;
using System.Text;

namespace MlopsAlerting.Core.Rendering;

/// <summary>
/// The files of Alertmanager's configuration directory (<c>alertmanager.yml</c> and its templates),
/// byte for byte what the ConfigMap holds and what <c>review --out</c> writes.
/// </summary>
public sealed record RenderedConfiguration(IReadOnlyDictionary<string, string> Files)
{
    public string AlertmanagerYaml => Files[ConfigLayout.ConfigFileName];

    /// <summary>SHA-256 over every file name and content, in name order: changes whenever any byte does.</summary>
    public string Checksum
    {
        get
        {
            var builder = new StringBuilder();
            foreach (var (name, content) in Files.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                builder.Append(name).Append('\0').Append(content).Append('\0');
            }

            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString())));
        }
    }

    /// <summary>Writes every file into <paramref name="directory"/>, creating it.</summary>
    public void WriteTo(string directory)
    {
        Directory.CreateDirectory(directory);
        foreach (var (name, content) in Files)
        {
            File.WriteAllText(Path.Combine(directory, name), content, new UTF8Encoding(false));
        }
    }
}
