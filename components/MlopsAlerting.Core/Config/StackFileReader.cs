using System.Text;
using System.Text.Unicode;

namespace MlopsAlerting.Core.Config;

/// <summary>
/// Reads <c>Pulumi.&lt;stack&gt;.yaml</c> into a <see cref="StackConfig"/>, with line and column of
/// every value. Hardened by construction: the stack name is checked before any path is built, the
/// file is read up to <see cref="ReadLimits.MaxFileBytes"/>, decoded as strict UTF-8, and parsed by
/// <see cref="YamlTreeBuilder"/> within the depth, value and document limits. Every failure is one
/// <see cref="SettingsException"/> line; no exception of the YAML library escapes.
/// </summary>
public static class StackFileReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads the stack file of <paramref name="stack"/> in <paramref name="projectDirectory"/>; throws <see cref="SettingsException"/> on any mistake.</summary>
    public static StackConfig Read(string projectDirectory, string stack)
    {
        if (StackNames.PulumiProblem(stack) is { } nameProblem)
        {
            throw Fail("Pulumi.yaml", "stack", nameProblem, "name an existing stack of this project, e.g. dev or prod (`pulumi stack ls` lists them)");
        }

        var fileName = StackConfig.FileNameOf(StackNames.ShortName(stack));
        var path = Path.Combine(projectDirectory, fileName);
        if (Directory.Exists(path))
        {
            throw Fail(fileName, "", "is a folder, not a stack file", $"remove or rename the folder {fileName}; a stack's settings are a YAML file of that name beside Pulumi.yaml");
        }

        if (!File.Exists(path))
        {
            var known = Directory.Exists(projectDirectory)
                ? Directory.GetFiles(projectDirectory, "Pulumi.*.yaml").Select(f => Path.GetFileName(f)[7..^5]).Where(s => StackNames.PulumiProblem(s) is null).Order(StringComparer.Ordinal).ToList()
                : [];
            var choice = known.Count == 0 ? string.Empty : $", or pick an existing stack ({string.Join(", ", known)})";
            throw Fail(fileName, "", $"the stack file does not exist in {Path.GetFullPath(projectDirectory)}",
                $"create it with `pulumi stack init {stack}` and set the stack's values{choice}");
        }

        byte[] bytes;
        try
        {
            bytes = ReadBounded(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Fail(fileName, "", $"the stack file cannot be read ({e.GetType().Name}: {e.Message})",
                "make the file readable by the user running this command (check its permissions)");
        }

        return FromBytes(stack, fileName, bytes) with { RepositoryDocsUrl = RepositoryDocs.Locate(projectDirectory) };
    }

    /// <summary>
    /// Reads a stack file's bytes that come from elsewhere than the work tree (e.g. <c>git cat-file</c> at a
    /// revision), under the same limits as <see cref="Read"/>; <paramref name="displayName"/> names it in every
    /// error, e.g. <c>Pulumi.prod.yaml@main</c>. Pass at most one byte more than the limit.
    /// </summary>
    public static StackConfig FromBytes(string stack, string displayName, ReadOnlySpan<byte> bytes)
    {
        if (StackNames.PulumiProblem(stack) is { } nameProblem)
        {
            throw Fail("Pulumi.yaml", "stack", nameProblem, "name an existing stack of this project, e.g. dev or prod (`pulumi stack ls` lists them)");
        }

        if (bytes.Length > ReadLimits.MaxFileBytes)
        {
            throw Fail(displayName, "", $"is larger than {ReadLimits.MaxFileBytes / 1024} KiB, far more than any stack's settings (a ConfigMap holds 1 MiB in all)",
                "keep only this stack's settings in the file; large values (e.g. pasted logs or certificates) do not belong in it");
        }

        return Parse(stack, displayName, Decode(displayName, bytes));
    }

    /// <summary>Parses the text of a stack file.</summary>
    public static StackConfig Parse(string stack, string fileName, string text)
    {
        if (text.Length > ReadLimits.MaxFileBytes)
        {
            throw Fail(fileName, "", $"is larger than {ReadLimits.MaxFileBytes / 1024} KiB, far more than any stack's settings",
                "keep only this stack's settings in the file");
        }

        var rootNode = YamlTreeBuilder.Build(text, fileName);
        if (rootNode is null or ScalarNode { Value: "" or "~" or "null", Quoted: false })
        {
            return new StackConfig(stack, fileName, []);
        }

        if (rootNode is not MapNode root)
        {
            throw Fail(fileName, "", "the file must be a map with a `config:` section", "start the file with `config:` and put the stack's keys under it", rootNode.Mark);
        }

        var environments = EscEnvironments.Read(root["environment"], fileName);
        var config = root["config"];
        if (config is null || config is ScalarNode { Value: "" or "~" or "null", Quoted: false })
        {
            return new StackConfig(stack, fileName, []) { Environments = environments };
        }

        if (config is not MapNode configMap)
        {
            throw Fail(fileName, "config", "is not a map", "put one `mlops-alerting:<key>: <value>` a line under `config:`", config.Mark);
        }

        var errors = new List<SettingsError>();
        var values = new List<KeyValuePair<string, ConfigNode>>();
        var keyMarks = new Dictionary<string, SourceMark>();
        foreach (var (key, valueNode) in configMap.Entries)
        {
            var keyMark = configMap.KeyMark(key);
            var colon = key.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                errors.Add(new SettingsError(fileName, key, "has no namespace", $"write it as `{SettingsSchema.Project}:{key}`", keyMark));
                continue;
            }

            if (key[..colon] != SettingsSchema.Project)
            {
                if (ProjectNamespace.NearMiss(key, fileName, keyMark) is { } nearMiss)
                {
                    errors.Add(nearMiss);
                }

                continue; // Provider settings such as kubernetes:context belong to Pulumi, not to us.
            }

            values.Add(new(key[(colon + 1)..], valueNode));
            if (keyMark is not null)
            {
                keyMarks[key[(colon + 1)..]] = keyMark;
            }
        }

        if (errors.Count > 0)
        {
            throw new SettingsException(errors);
        }

        return new StackConfig(stack, fileName, values, keyMarks) { Environments = environments };
    }

    /// <summary>Reads at most one byte more than the limit, so that a huge file or a device never fills memory.</summary>
    private static byte[] ReadBounded(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var buffer = new byte[ReadLimits.MaxFileBytes + 1];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = stream.Read(buffer, total, buffer.Length - total)) > 0)
        {
            total += read;
        }

        return buffer[..total];
    }

    /// <summary>Strict UTF-8 (a leading byte-order mark is dropped); anything else is reported at its line and column.</summary>
    private static string Decode(string fileName, ReadOnlySpan<byte> bytes)
    {
        if (bytes is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..])
        {
            throw Fail(fileName, "", "is saved as UTF-16, but Pulumi reads stack files as UTF-8", "save the file as UTF-8", new SourceMark(1, 1));
        }

        var body = bytes is [0xEF, 0xBB, 0xBF, ..] ? bytes[3..] : bytes;
        if (Utf8.IsValid(body))
        {
            return StrictUtf8.GetString(body);
        }

        var valid = 0;
        while (valid < body.Length && System.Text.Rune.DecodeFromUtf8(body[valid..], out _, out var consumed) == System.Buffers.OperationStatus.Done)
        {
            valid += consumed;
        }

        var before = StrictUtf8.GetString(body[..valid]);
        var line = before.Count(c => c == '\n') + 1;
        var column = before.Length - (before.LastIndexOf('\n') + 1) + 1;
        throw Fail(fileName, "", $"holds the byte 0x{body[valid]:X2}, which is not UTF-8 (was it saved as Latin-1 or Windows-1252?)",
            "save the file as UTF-8", new SourceMark(line, column));
    }

    private static SettingsException Fail(string file, string key, string problem, string fix, SourceMark? mark = null) =>
        new([new SettingsError(file, key, problem, fix, mark)]);
}
