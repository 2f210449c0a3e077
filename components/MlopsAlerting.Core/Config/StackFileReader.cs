using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MlopsAlerting.Core.Config;

/// <summary>Reads <c>Pulumi.&lt;stack&gt;.yaml</c> into a <see cref="StackConfig"/>, with line and column of every value.</summary>
public static class StackFileReader
{
    /// <summary>Reads the stack file of <paramref name="stack"/> in <paramref name="projectDirectory"/>; throws <see cref="SettingsException"/> on any mistake.</summary>
    public static StackConfig Read(string projectDirectory, string stack)
    {
        var fileName = StackConfig.FileNameOf(stack);
        var path = Path.Combine(projectDirectory, fileName);
        if (!File.Exists(path))
        {
            var known = Directory.Exists(projectDirectory)
                ? Directory.GetFiles(projectDirectory, "Pulumi.*.yaml").Select(f => Path.GetFileName(f)[7..^5]).Order(StringComparer.Ordinal).ToList()
                : [];
            var choice = known.Count == 0 ? string.Empty : $", or pick an existing stack ({string.Join(", ", known)})";
            throw Fail(fileName, "", $"the stack file does not exist in {Path.GetFullPath(projectDirectory)}",
                $"create it with `pulumi stack init {stack}` and set the stack's values{choice}");
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Fail(fileName, "", $"the stack file cannot be read ({e.GetType().Name}: {e.Message})",
                "make the file readable by the user running this command (check its permissions)");
        }

        return Parse(stack, fileName, text);
    }

    /// <summary>Parses the text of a stack file.</summary>
    public static StackConfig Parse(string stack, string fileName, string text)
    {
        var yaml = new YamlStream();
        try
        {
            yaml.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            var mark = new SourceMark((int)e.Start.Line, (int)e.Start.Column);
            var reason = (e.InnerException?.Message ?? e.Message).Replace(Environment.NewLine, " ", StringComparison.Ordinal);
            throw Fail(fileName, "", $"the file is not valid YAML ({reason})", "correct the YAML syntax at this line and column (indentation, quotes, a missing ':')", mark);
        }

        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return new StackConfig(stack, fileName, []);
        }

        if (yaml.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw Fail(fileName, "", "the file must be a map with a `config:` section", "start the file with `config:` and put the stack's keys under it", MarkOf(yaml.Documents[0].RootNode));
        }

        var config = root.Children.FirstOrDefault(c => c.Key is YamlScalarNode { Value: "config" }).Value;
        if (config is null || config is YamlScalarNode { Value: null or "" or "~" or "null" })
        {
            return new StackConfig(stack, fileName, []);
        }

        if (config is not YamlMappingNode configMap)
        {
            throw Fail(fileName, "config", "is not a map", "put one `mlops-alerting:<key>: <value>` a line under `config:`", MarkOf(config));
        }

        var errors = new List<SettingsError>();
        var values = new List<KeyValuePair<string, ConfigNode>>();
        var keyMarks = new Dictionary<string, SourceMark>();
        foreach (var (keyNode, valueNode) in configMap.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? string.Empty;
            var colon = key.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                errors.Add(new SettingsError(fileName, key, "has no namespace", $"write it as `{SettingsSchema.Project}:{key}`", MarkOf(keyNode)));
                continue;
            }

            if (key[..colon] != SettingsSchema.Project)
            {
                continue; // Provider settings such as kubernetes:context belong to Pulumi, not to us.
            }

            values.Add(new(key[(colon + 1)..], Convert(valueNode)));
            keyMarks[key[(colon + 1)..]] = MarkOf(keyNode);
        }

        if (errors.Count > 0)
        {
            throw new SettingsException(errors);
        }

        return new StackConfig(stack, fileName, values, keyMarks);
    }

    private static ConfigNode Convert(YamlNode node) => node switch
    {
        // Pulumi writes every encrypted value as "v1:..."; anything else under `secure:` was typed in by hand and is plain text.
        YamlMappingNode { Children.Count: 1 } m when m.Children.Single() is { Key: YamlScalarNode { Value: "secure" }, Value: YamlScalarNode { Value: { } cipher } }
            => cipher.StartsWith("v1:", StringComparison.Ordinal) ? new SecretNode(null, MarkOf(node)) : new ScalarNode(cipher, true, MarkOf(node)),
        YamlMappingNode m => new MapNode(
            m.Children.Select(c => new KeyValuePair<string, ConfigNode>(((YamlScalarNode)c.Key).Value ?? string.Empty, Convert(c.Value))).ToList(),
            MarkOf(node),
            m.Children.GroupBy(c => ((YamlScalarNode)c.Key).Value ?? string.Empty).ToDictionary(g => g.Key, g => MarkOf(g.First().Key))),
        YamlSequenceNode s => new ListNode(s.Children.Select(Convert).ToList(), MarkOf(node)),
        YamlScalarNode s => new ScalarNode(s.Value ?? string.Empty, s.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded, MarkOf(node)),
        _ => new ScalarNode(string.Empty, false, MarkOf(node)),
    };

    private static SourceMark MarkOf(YamlNode node) => new((int)node.Start.Line, (int)node.Start.Column);

    private static SettingsException Fail(string file, string key, string problem, string fix, SourceMark? mark = null) =>
        new([new SettingsError(file, key, problem, fix, mark)]);
}
