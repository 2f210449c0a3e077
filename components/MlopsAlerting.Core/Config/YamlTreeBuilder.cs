using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace MlopsAlerting.Core.Config;

/// <summary>
/// Builds a <see cref="ConfigNode"/> tree from YamlDotNet's event stream (never its recursive
/// representation model), within <see cref="ReadLimits"/>: one document, bounded depth, aliases
/// counted as the values they expand to, only text keys, no duplicate keys, no application tags.
/// Any mistake becomes a <see cref="SettingsException"/> with the file, line and column.
/// </summary>
internal sealed class YamlTreeBuilder
{
    private static readonly HashSet<string> CoreTags = new(StringComparer.Ordinal)
    {
        "!", "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:null", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq",
    };

    private readonly IParser _parser;
    private readonly string _file;
    private readonly Dictionary<string, (ConfigNode Node, int Values, long Chars)> _anchors = new(StringComparer.Ordinal);
    private int _values;
    private long _chars;

    private YamlTreeBuilder(IParser parser, string file) => (_parser, _file) = (parser, file);

    /// <summary>The document's root, or null for an empty file.</summary>
    public static ConfigNode? Build(string text, string file)
    {
        var parser = new Parser(new StringReader(text));
        var builder = new YamlTreeBuilder(parser, file);
        try
        {
            return builder.Document();
        }
        catch (SettingsException)
        {
            throw;
        }
        catch (YamlException e)
        {
            var reason = DisplayText.OneLine(e.InnerException?.Message ?? e.Message);
            throw Fail(file, string.Empty, $"the file is not valid YAML ({reason})", "correct the YAML syntax at this line and column (indentation, quotes, a missing ':', an unclosed '[' or '{')", Mark(e.Start));
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or OverflowException or IndexOutOfRangeException or KeyNotFoundException or NullReferenceException)
        {
            // The library's other failures on malformed input: report where it stopped, never the exception.
            throw Fail(file, string.Empty, "the file is not valid YAML (the parser stopped here)", "correct the YAML syntax at this line and column (an unclosed '[' or '{', a stray ':', indentation)", parser.Current is { } current ? Mark(current.Start) : null);
        }
    }

    private ConfigNode? Document()
    {
        Expect<StreamStart>();
        if (Accept<StreamEnd>() is not null)
        {
            return null;
        }

        Expect<DocumentStart>();
        var root = Node(string.Empty, 0);
        Expect<DocumentEnd>();
        if (_parser.Current is DocumentStart second)
        {
            throw Fail(_file, string.Empty, "holds a second YAML document (after a `---` line); Pulumi reads only the first, so everything after it would be ignored",
                "remove the `---` line and keep one `config:` map", Mark(second.Start));
        }

        Expect<StreamEnd>();
        return root;
    }

    private ConfigNode Node(string path, int depth)
    {
        var current = Current();
        if (current is AnchorAlias alias)
        {
            _parser.MoveNext();
            if (!_anchors.TryGetValue(alias.Value.Value, out var anchored))
            {
                throw Fail(_file, Shown(path), $"refers to the YAML anchor `*{alias.Value.Value}`, which is not defined before it", "define the anchor with `&name` before using it, or write the value itself", Mark(alias.Start));
            }

            Count(anchored.Values, anchored.Chars, path, alias.Start);
            return anchored.Node;
        }

        if (current is NodeEvent { Tag.IsEmpty: false } tagged && !CoreTags.Contains(tagged.Tag.Value))
        {
            throw Fail(_file, Shown(path), $"has the YAML tag `{tagged.Tag.Value}`, which Pulumi does not expand", "remove the tag and write the value itself", Mark(tagged.Start));
        }

        var (before, charsBefore) = (_values, _chars);
        ConfigNode node = current switch
        {
            Scalar scalar => ScalarOf(scalar, path),
            SequenceStart start => Sequence(start, path, depth + 1),
            MappingStart start => Mapping(start, path, depth + 1),
            _ => throw Fail(_file, Shown(path), "is not valid YAML here", "correct the YAML syntax at this line and column", Mark(current.Start)),
        };

        if (current is NodeEvent { Anchor.IsEmpty: false } anchoredEvent)
        {
            _anchors[anchoredEvent.Anchor.Value] = (node, _values - before, _chars - charsBefore);
        }

        return node;
    }

    private ScalarNode ScalarOf(Scalar scalar, string path)
    {
        _parser.MoveNext();
        Count(1, scalar.Value.Length, path, scalar.Start);
        var quoted = scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded;
        return new ScalarNode(scalar.Value, quoted, Mark(scalar.Start));
    }

    private ListNode Sequence(SequenceStart start, string path, int depth)
    {
        Deep(depth, path, start.Start);
        _parser.MoveNext();
        Count(1, 0, path, start.Start);
        var items = new List<ConfigNode>();
        while (Accept<SequenceEnd>() is null)
        {
            items.Add(Node($"{path}[{items.Count}]", depth));
        }

        return new ListNode(items, Mark(start.Start));
    }

    private ConfigNode Mapping(MappingStart start, string path, int depth)
    {
        Deep(depth, path, start.Start);
        _parser.MoveNext();
        Count(1, 0, path, start.Start);
        var entries = new List<KeyValuePair<string, ConfigNode>>();
        var keyMarks = new Dictionary<string, SourceMark>(StringComparer.Ordinal);
        while (Accept<MappingEnd>() is null)
        {
            if (Current() is not Scalar keyEvent)
            {
                throw Fail(_file, Shown(path), path.Length == 0 || !path.Contains(':', StringComparison.Ordinal) && !path.StartsWith("config.", StringComparison.Ordinal)
                        ? "has a key that is a map or a list, not text"
                        : "has a map or a list as a key: an unquoted value starting with `{` or `[` is read as YAML, and a Helm or Go template such as `{{ .Release.Name }}` is not expanded in a stack file",
                    "write the value itself, and quote it if it must start with `{` or `[`", Mark(Current().Start));
            }

            _parser.MoveNext();
            var key = keyEvent.Value;
            var childPath = path.Length == 0 ? key : $"{path}.{key}";
            if (key == "<<" && keyEvent.Style == ScalarStyle.Plain)
            {
                throw Fail(_file, Shown(path), "uses a YAML merge key (`<<`), which this program does not apply the way Pulumi does", "write the keys out in full", Mark(keyEvent.Start));
            }

            if (keyMarks.TryGetValue(key, out var first))
            {
                throw Fail(_file, Shown(childPath), $"is written twice (first at line {first.Line}); YAML keeps only one of them", "keep one and delete the other", Mark(keyEvent.Start));
            }

            keyMarks[key] = Mark(keyEvent.Start);
            entries.Add(new(key, Node(childPath, depth)));
        }

        // Pulumi writes every encrypted value as {secure: v1:...}; anything else under `secure:` was typed in by hand and is plain text.
        if (entries is [{ Key: "secure", Value: ScalarNode cipher }])
        {
            return cipher.Value.StartsWith("v1:", StringComparison.Ordinal) ? new SecretNode(null, Mark(start.Start)) : cipher with { Quoted = true, Mark = Mark(start.Start) };
        }

        return new MapNode(entries, Mark(start.Start), keyMarks);
    }

    private void Deep(int depth, string path, YamlDotNet.Core.Mark at)
    {
        if (depth > ReadLimits.MaxDepth)
        {
            throw Fail(_file, Shown(path), $"nests maps and lists more than {ReadLimits.MaxDepth} levels deep", "write the setting as its documented shape (docs/settings.md); no setting is nested that deep", Mark(at));
        }
    }

    private void Count(int values, long chars, string path, YamlDotNet.Core.Mark at)
    {
        _values += values;
        _chars += chars;
        if (_values > ReadLimits.MaxValues || _chars > ReadLimits.MaxFileBytes)
        {
            throw Fail(_file, Shown(path), _values > ReadLimits.MaxValues
                    ? $"makes the file hold more than {ReadLimits.MaxValues} values (YAML aliases count once per use)"
                    : $"makes the file's values longer than {ReadLimits.MaxFileBytes / 1024} KiB in all (YAML aliases count once per use)",
                "write each value once; a stack needs a few hundred at most", Mark(at));
        }
    }

    private ParsingEvent Current() =>
        _parser.Current ?? throw Fail(_file, string.Empty, "ends before its last value is complete", "complete the file (an unclosed '[' or '{', or a missing value)", null);

    private T? Accept<T>()
        where T : ParsingEvent
    {
        if (Current() is T wanted)
        {
            _parser.MoveNext();
            return wanted;
        }

        return null;
    }

    private void Expect<T>()
        where T : ParsingEvent
    {
        if (_parser.Current is null && !_parser.MoveNext())
        {
            throw Fail(_file, string.Empty, "ends before its last value is complete", "complete the file (an unclosed '[' or '{', or a missing value)", null);
        }

        if (Accept<T>() is null)
        {
            throw Fail(_file, string.Empty, "is not valid YAML here", "correct the YAML syntax at this line and column", Mark(Current().Start));
        }
    }

    /// <summary>The key as the user knows it: without <c>config.</c> and the project namespace.</summary>
    private static string Shown(string path)
    {
        var shown = path.StartsWith("config.", StringComparison.Ordinal) ? path["config.".Length..] : path;
        return shown.StartsWith(SettingsSchema.Project + ":", StringComparison.Ordinal) ? shown[(SettingsSchema.Project.Length + 1)..] : shown;
    }

    private static SourceMark Mark(YamlDotNet.Core.Mark mark) => new((int)Math.Min(mark.Line, int.MaxValue), (int)Math.Min(mark.Column, int.MaxValue));

    private static SettingsException Fail(string file, string key, string problem, string fix, SourceMark? mark) =>
        new([new SettingsError(file, key, problem, fix, mark)]);
}
