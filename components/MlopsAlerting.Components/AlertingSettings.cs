using System.Text.Json;
using MlopsAlerting.Core.Config;
using MlopsAlerting.Core.Settings;
using MlopsAlerting.Core.Workload;
using Pulumi;

namespace MlopsAlerting.Components;

/// <summary>
/// The settings of <see cref="ModelAlerting"/>, bound and checked by the core's binder (every mistake
/// listed with key and fix, as <c>tools/review</c> prints it), plus what a deployment needs beyond
/// valid settings (every webhook set). A mistake throws <see cref="RunException"/>, which Pulumi prints
/// without a stack trace, before a single resource is registered.
/// </summary>
public static class AlertingSettings
{
    // The Pulumi language host hands the program its configuration in these variables; the .NET SDK
    // has no public API for which keys are secret, so the list is read where the SDK reads it.
    private const string ConfigVariable = "PULUMI_CONFIG";
    private const string SecretKeysVariable = "PULUMI_CONFIG_SECRET_KEYS";

    /// <summary>
    /// The settings under the <c>mlops-alerting:</c> keys of the running stack's configuration, the
    /// schema of this project's <c>Pulumi.yaml</c>. Another project reads them the same way: set
    /// <c>mlops-alerting:namespace</c> and the others in its own stack file (webhooks with <c>--secret</c>).
    /// </summary>
    public static StackSettings FromStackConfig()
    {
        var stack = Pulumi.Deployment.Instance.StackName;
        var config = new Config(SettingsSchema.Project);
        var secretKeys = FullKeys(SecretKeysVariable, array: true);
        var allKeys = FullKeys(ConfigVariable, array: false);
        return Checked(() => EngineConfigReader.Read(
            stack,
            key => config.Get(key),
            key => secretKeys.Contains($"{SettingsSchema.Project}:{key}"),
            ProjectKeys(allKeys),
            allKeys.Where(k => !k.StartsWith(SettingsSchema.Project + ":", StringComparison.Ordinal))));
    }

    /// <summary>
    /// The settings from values the program holds, keyed as the stack file's keys without the
    /// <c>mlops-alerting:</c> prefix (<c>namespace</c>, <c>slack</c>, <c>slackWebhooks</c>, ...); a value is a
    /// string, number, boolean, list, dictionary or any object that serializes to the key's JSON shape.
    /// <para>
    /// A secret may also be an <see cref="Output{T}"/> or <see cref="Input{T}"/> of string, e.g. another resource's
    /// output (a secret store's value, a <see cref="StackReference"/>'s output): each webhook under <c>slackWebhooks</c>
    /// (a dictionary), <c>slackBotToken</c> and <c>heartbeatUrl</c>. It goes into the Kubernetes Secret as that output,
    /// secret whether or not it was, and nowhere else; its text is checked once Pulumi knows it, and a bad one fails the
    /// deployment naming <paramref name="source"/> and the key, never the value.
    /// </para>
    /// </summary>
    /// <param name="stack">The stack the settings are for (names, labels, messages).</param>
    /// <param name="values">The values; a key left out takes the schema's default.</param>
    /// <param name="secretKeys">Keys whose plain-string values are secrets (<c>slackWebhooks</c>, <c>slackBotToken</c>, <c>heartbeatUrl</c>): they are checked as the stack file's encrypted values are. A secret given as an output needs no entry.</param>
    /// <param name="source">What a mistake's message names as where the value came from, e.g. the program's file.</param>
    public static StackSettings FromValues(string stack, IReadOnlyDictionary<string, object?> values, IEnumerable<string>? secretKeys = null, string source = "the values given to AlertingSettings.FromValues")
    {
        ArgumentNullException.ThrowIfNull(values);
        var secrets = (secretKeys ?? []).ToHashSet(StringComparer.Ordinal);
        var (known, pending) = SplitPending(values, source);
        var raw = known.Where(v => v.Value is not null).ToDictionary(
            v => v.Key,
            v => v.Value is string text ? text : JsonSerializer.Serialize(v.Value, v.Value!.GetType()),
            StringComparer.Ordinal);
        return Checked(() => EngineConfigReader.Read(
            stack,
            key => raw.GetValueOrDefault(key),
            secrets.Contains,
            raw.Keys,
            source: source,
            pendingSecrets: pending));
    }

    // The values given as Pulumi inputs or outputs, by key path (a top-level key, or slackWebhooks.<role>), apart from the rest.
    private static (Dictionary<string, object?> Known, Dictionary<string, SecretText> Pending) SplitPending(IReadOnlyDictionary<string, object?> values, string source)
    {
        var known = new Dictionary<string, object?>(StringComparer.Ordinal);
        var pending = new Dictionary<string, SecretText>(StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            if (AsInput(value) is { } input)
            {
                pending[key] = SecretText.Pending(input, source);
            }
            else if (value is System.Collections.IDictionary map && map.Values.Cast<object?>().Any(v => AsInput(v) is not null))
            {
                var rest = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (System.Collections.DictionaryEntry entry in map)
                {
                    var child = $"{key}.{entry.Key}";
                    if (AsInput(entry.Value) is { } nested)
                    {
                        pending[child] = SecretText.Pending(nested, source);
                    }
                    else
                    {
                        rest[$"{entry.Key}"] = entry.Value;
                    }
                }

                if (rest.Count > 0)
                {
                    known[key] = rest;
                }
            }
            else
            {
                known[key] = value;
            }
        }

        return (known, pending);
    }

    private static Input<string>? AsInput(object? value) => value switch
    {
        Output<string> output => output,
        Input<string> input => input,
        _ => null,
    };

    private static StackSettings Checked(Func<StackConfig> read)
    {
        try
        {
            var settings = SettingsBinder.Bind(read());
            var missing = DeployRequirements.Check(settings);
            if (missing.Count > 0)
            {
                throw new SettingsException(missing);
            }

            return settings;
        }
        catch (SettingsException e)
        {
            throw new RunException(e.Message);
        }
    }

    private static IEnumerable<string> ProjectKeys(IEnumerable<string> fullKeys) =>
        fullKeys.Where(k => k.StartsWith(SettingsSchema.Project + ":", StringComparison.Ordinal)).Select(k => k[(SettingsSchema.Project.Length + 1)..]);

    private static HashSet<string> FullKeys(string variable, bool array)
    {
        var text = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        using var document = JsonDocument.Parse(text);
        var keys = array
            ? document.RootElement.EnumerateArray().Select(e => e.GetString() ?? string.Empty)
            : document.RootElement.EnumerateObject().Select(p => p.Name);

        // Older engines write keys as "project:config:key".
        return keys.Select(k => k.Replace(":config:", ":", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
    }
}
