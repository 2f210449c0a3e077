using System.IO.Compression;
using System.Reflection.PortableExecutable;
using System.Text;
using System.Xml.Linq;

namespace MlopsAlerting.Package.Tests;

/// <summary>One .nupkg as a consumer's NuGet sees it: its nuspec, its files and its assembly's embedded source link.</summary>
internal sealed class PackedPackage
{
    // The custom debug information kind of a source link document (Portable PDB specification).
    private static readonly Guid SourceLinkKind = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");

    private readonly Dictionary<string, byte[]> _files;

    private PackedPackage(Dictionary<string, byte[]> files)
    {
        _files = files;
        var nuspec = _files.Single(f => f.Key.EndsWith(".nuspec", StringComparison.Ordinal) && !f.Key.Contains('/', StringComparison.Ordinal));
        Metadata = XDocument.Parse(Encoding.UTF8.GetString(nuspec.Value).TrimStart('\uFEFF')).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    public XElement Metadata { get; }

    public IReadOnlyCollection<string> Files => _files.Keys;

    public static PackedPackage Open(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries)
        {
            using var stream = entry.Open();
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            files[entry.FullName] = memory.ToArray();
        }

        return new PackedPackage(files);
    }

    /// <summary>The text of a metadata element (<c>version</c>, <c>license</c>, <c>readme</c>, ...).</summary>
    public string? Element(string name) => Metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;

    /// <summary>An attribute of a metadata element (<c>repository</c>'s <c>url</c> and <c>commit</c>).</summary>
    public string? Attribute(string element, string attribute) => Metadata.Elements().SingleOrDefault(e => e.Name.LocalName == element)?.Attribute(attribute)?.Value;

    /// <summary>The version of a dependency, in any target framework group.</summary>
    public string? DependencyVersion(string id) =>
        Metadata.Descendants().FirstOrDefault(e => e.Name.LocalName == "dependency" && (string?)e.Attribute("id") == id)?.Attribute("version")?.Value;

    public string Text(string file) => Encoding.UTF8.GetString(_files[file]).TrimStart('\uFEFF');

    /// <summary>The source link JSON in the PDB embedded in an assembly of the package; null without one.</summary>
    public string? SourceLink(string assembly)
    {
        using var pe = new PEReader(new MemoryStream(_files[assembly]));
        var embedded = pe.ReadDebugDirectory().Where(d => d.Type == DebugDirectoryEntryType.EmbeddedPortablePdb).ToList();
        if (embedded.Count == 0)
        {
            return null;
        }

        using var provider = pe.ReadEmbeddedPortablePdbDebugDirectoryData(embedded[0]);
        var pdb = provider.GetMetadataReader();
        foreach (var handle in pdb.CustomDebugInformation)
        {
            var information = pdb.GetCustomDebugInformation(handle);
            if (pdb.GetGuid(information.Kind) == SourceLinkKind)
            {
                return Encoding.UTF8.GetString(pdb.GetBlobBytes(information.Value));
            }
        }

        return null;
    }
}
