using YamlDotNet.RepresentationModel;

namespace MlopsAlerting.LocalRun;

/// <summary>
/// The configuration file a local Alertmanager actually reads. For a Debian binary unpacked outside <c>/usr</c>
/// (see <see cref="AlertmanagerBinary.OwnDefaultTemplate"/>) it is a copy of the caller's file, beside it (so relative
/// <c>templates:</c> paths still resolve), whose <c>templates:</c> start with the package's own <c>default.tmpl</c>:
/// what an upstream binary embeds, parsed first so the caller's templates still override it. Otherwise it is the
/// caller's file itself.
/// </summary>
internal sealed class EffectiveConfigFile
{
    private readonly string _source;
    private readonly string? _defaultTemplate;
    private string? _lastSourceText;

    public EffectiveConfigFile(string source, string? defaultTemplate)
    {
        _source = System.IO.Path.GetFullPath(source);
        _defaultTemplate = defaultTemplate;
        Path = defaultTemplate is null
            ? _source
            : System.IO.Path.Combine(System.IO.Path.GetDirectoryName(_source)!, $".local-run-{Guid.NewGuid():N}-{System.IO.Path.GetFileName(_source)}");
    }

    /// <summary>The file to pass as <c>--config.file</c>.</summary>
    public string Path { get; }

    /// <summary>Writes the copy again when the caller's file changed since the last write (or was never written).</summary>
    public void Refresh()
    {
        if (_defaultTemplate is null)
        {
            return;
        }

        var text = File.ReadAllText(_source);
        if (string.Equals(text, _lastSourceText, StringComparison.Ordinal))
        {
            return;
        }

        File.WriteAllText(Path, WithDefaultTemplate(text, _defaultTemplate));
        _lastSourceText = text;
    }

    /// <summary>Deletes the copy, if any.</summary>
    public void Delete()
    {
        if (_defaultTemplate is not null)
        {
            try
            {
                File.Delete(Path);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // A leftover file in the caller's (temporary) folder is not worth failing for.
            }
        }
    }

    /// <summary>The configuration text with <paramref name="template"/> first in <c>templates:</c>; text that is not a YAML map is returned as it is (Alertmanager reports it).</summary>
    public static string WithDefaultTemplate(string text, string template)
    {
        var yaml = new YamlStream();
        try
        {
            yaml.Load(new StringReader(text));
        }
        catch (YamlDotNet.Core.YamlException)
        {
            return text;
        }

        if (yaml.Documents.Count != 1 || yaml.Documents[0].RootNode is not YamlMappingNode root)
        {
            return text;
        }

        var key = new YamlScalarNode("templates");
        if (root.Children.TryGetValue(key, out var node) && node is YamlSequenceNode templates)
        {
            templates.Children.Insert(0, new YamlScalarNode(template));
        }
        else if (node is null)
        {
            root.Children.Add(key, new YamlSequenceNode(new YamlScalarNode(template)));
        }
        else
        {
            return text;
        }

        var writer = new StringWriter();
        yaml.Save(writer, assignAnchors: false);
        return writer.ToString();
    }
}
