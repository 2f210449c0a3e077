using System.Text.Json;

namespace MlopsAlerting.Core.Config;

/// <summary>
/// Reads the configuration the Pulumi engine hands a program (one string per key; objects and
/// lists as JSON text; secret keys decrypted and listed apart) into the same
/// <see cref="StackConfig"/> the stack-file reader gives, so both paths bind to equal settings.
/// </summary>
public static class EngineConfigReader
{
    /// <param name="stack">The stack name.</param>
    /// <param name="getRaw">The raw value of a project key (without the <c>mlops-alerting:</c> prefix), or null when unset.</param>
    /// <param name="isSecret">Whether the engine marks a project key as secret.</param>
    /// <param name="extraKeys">Keys set in the stack that the schema may not know (to report them).</param>
    /// <param name="otherNamespaceKeys">Full keys of the stack in other namespaces (providers' settings), to report near misses such as <c>mlops-alerts:namespace</c>.</param>
    /// <param name="source">What the errors name as the file; the stack file's name unless the values come from elsewhere (a program's own values).</param>
    /// <param name="pendingSecrets">
    /// Secrets the program gives as values known only when it deploys (<see cref="SecretText.Pending"/>), by key path
    /// (<c>slackWebhooks.critical</c>, <c>heartbeatUrl</c>; <see cref="Settings.SettingsBinder.PendingSecretKeys"/>). Such a
    /// key must not also have a value from <paramref name="getRaw"/>.
    /// </param>
    public static StackConfig Read(string stack, Func<string, string?> getRaw, Func<string, bool> isSecret, IEnumerable<string>? extraKeys = null, IEnumerable<string>? otherNamespaceKeys = null, string? source = null, IReadOnlyDictionary<string, SecretText>? pendingSecrets = null)
    {
        var fileName = source ?? StackConfig.FileNameOf(stack);
        var values = new List<KeyValuePair<string, ConfigNode>>();
        var keys = SettingsSchema.Keys.Select(k => k.Name).Concat(extraKeys ?? []).Distinct(StringComparer.Ordinal);
        var errors = new List<SettingsError>();
        foreach (var fullKey in otherNamespaceKeys ?? [])
        {
            if (ProjectNamespace.NearMiss(fullKey, fileName, null) is { } nearMiss)
            {
                errors.Add(nearMiss);
            }
        }

        var budget = new int[] { ReadLimits.MaxValues };
        foreach (var key in keys)
        {
            var raw = getRaw(key);
            if (raw is null)
            {
                continue;
            }

            var spec = SettingsSchema.Find(key);
            var structured = spec?.Kind is SettingKind.Object or SettingKind.ObjectList or SettingKind.StringList or SettingKind.StringMap;
            ConfigNode node;
            if (structured && raw.TrimStart() is ['{' or '[', ..])
            {
                try
                {
                    using var document = JsonDocument.Parse(raw, new JsonDocumentOptions { MaxDepth = ReadLimits.MaxDepth });
                    node = FromJson(document.RootElement, budget);
                }
                catch (JsonException)
                {
                    errors.Add(new SettingsError(fileName, key, $"is not a valid structured value (not JSON, or nested more than {ReadLimits.MaxDepth} levels deep)", $"set it again with `pulumi config set --path {key}.<child> <value>`"));
                    continue;
                }
                catch (InsufficientExecutionStackException)
                {
                    errors.Add(new SettingsError(fileName, key, "nests too deeply", $"set it again with `pulumi config set --path {key}.<child> <value>`"));
                    continue;
                }

                if (budget[0] < 0)
                {
                    errors.Add(new SettingsError(fileName, key, $"makes the configuration hold more than {ReadLimits.MaxValues} values", "write each value once; a stack needs a few hundred at most"));
                    continue;
                }
            }
            else
            {
                // Pulumi hands a YAML null (`key: null`, `key: ~`, `key:`) to the program as the text "null".
                node = new ScalarNode(raw, Quoted: raw != "null", null);
            }

            values.Add(new(key, isSecret(key) ? Secret(node) : node));
        }

        foreach (var (path, secret) in pendingSecrets ?? new Dictionary<string, SecretText>())
        {
            AddPending(values, path, secret, fileName, errors);
        }

        if (errors.Count > 0)
        {
            throw new SettingsException(errors);
        }

        return new StackConfig(stack, fileName, values);
    }

    // A pending secret goes where the stack file's encrypted value would: a top-level key, or a role under slackWebhooks.
    private static void AddPending(List<KeyValuePair<string, ConfigNode>> values, string path, SecretText secret, string fileName, List<SettingsError> errors)
    {
        var node = new SecretNode(secret, null);
        var keys = string.Join(", ", Settings.SettingsBinder.PendingSecretKeys);
        if (!secret.IsPending || !Settings.SettingsBinder.PendingSecretKeys.Contains(path))
        {
            errors.Add(new SettingsError(fileName, path, "takes no value known only at deploy time (a Pulumi output): only the secrets do", $"give it a plain value; the keys that take a Pulumi output are {keys}"));
            return;
        }

        var dot = path.IndexOf('.', StringComparison.Ordinal);
        var key = dot < 0 ? path : path[..dot];
        var index = values.FindIndex(v => v.Key == key);
        if (dot < 0 && index < 0)
        {
            values.Add(new(key, node));
        }
        else if (dot >= 0 && index < 0)
        {
            values.Add(new(key, new MapNode([new(path[(dot + 1)..], node)], null)));
        }
        else if (dot >= 0 && values[index].Value is MapNode map && map[path[(dot + 1)..]] is null)
        {
            values[index] = new(key, map with { Entries = [.. map.Entries, new(path[(dot + 1)..], node)] });
        }
        else
        {
            errors.Add(new SettingsError(fileName, path, "is given twice: as a value and as a Pulumi output", "give it once"));
        }
    }

    private static ConfigNode FromJson(JsonElement element, int[] budget) => --budget[0] < 0 ? new ScalarNode(string.Empty, Quoted: false, null) : element.ValueKind switch
    {
        JsonValueKind.Object => new MapNode(element.EnumerateObject().Select(p => new KeyValuePair<string, ConfigNode>(p.Name, FromJson(p.Value, budget))).ToList(), null),
        JsonValueKind.Array => new ListNode(element.EnumerateArray().Select(e => FromJson(e, budget)).ToList(), null),
        JsonValueKind.String => new ScalarNode(element.GetString() ?? string.Empty, Quoted: true, null),
        JsonValueKind.Null => new ScalarNode(string.Empty, Quoted: false, null),
        _ => new ScalarNode(element.GetRawText(), Quoted: false, null),
    };

    private static ConfigNode Secret(ConfigNode node) => node switch
    {
        ScalarNode scalar => new SecretNode(new SecretText(scalar.Value), null),
        MapNode map => new MapNode(map.Entries.Select(e => new KeyValuePair<string, ConfigNode>(e.Key, Secret(e.Value))).ToList(), null),
        ListNode list => new ListNode(list.Items.Select(Secret).ToList(), null),
        _ => node,
    };
}
