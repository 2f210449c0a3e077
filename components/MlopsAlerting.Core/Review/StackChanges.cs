using System.Globalization;
using System.Text;
using MlopsAlerting.Core.Settings;
using MlopsAlerting.Core.Workload;

namespace MlopsAlerting.Core.Review;

/// <summary>
/// The "What changes" section of <c>review &lt;stack&gt; --compare &lt;ref&gt;</c>: what a pull request changes for
/// alerting, in the words on-call uses (which alert reaches which channel, how long a message waits, which model
/// lost or gained rules), then the unified diff of the rendered files. Secrets appear only as set or missing.
/// </summary>
public static class StackChanges
{
    /// <summary>The line that says the rendered artefacts are identical.</summary>
    public const string NoChange = "No change for alerting";

    /// <summary>The section comparing <paramref name="before"/> with <paramref name="after"/>.</summary>
    public static string Render(StackRevision before, StackRevision after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"## What changes: `{after.Settings.Stack}` from `{before.Label}` to {after.Label}").AppendLine();

        var artefactsEqual = ArtefactsOf(before).SequenceEqual(ArtefactsOf(after));
        var parts = new List<(string Title, List<string> Lines)>
        {
            ("Settings", SettingChanges(before, after)),
            ("Routing", RoutingChanges(before.Settings, after.Settings)),
            ("Inhibition and timing", TimingChanges(before.Settings, after.Settings)),
            ("Models and rules", ModelChanges(before, after)),
            ("Kubernetes objects", ObjectChanges(before, after)),
        };

        if (artefactsEqual)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"**{NoChange}**: `{string.Join("`, `", ArtefactsOf(after).Select(f => f.Name))}` are identical at both revisions.").AppendLine();
        }

        if (parts.All(p => p.Lines.Count == 0))
        {
            if (!artefactsEqual)
            {
                md.AppendLine("The rendered files differ only as the diff below shows.").AppendLine();
            }
        }

        foreach (var (title, lines) in parts.Where(p => p.Lines.Count > 0))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"### {title}").AppendLine();
            foreach (var line in lines)
            {
                md.AppendLine(line);
            }

            md.AppendLine();
        }

        if (!artefactsEqual)
        {
            md.AppendLine("### Rendered files").AppendLine();
            foreach (var ((name, oldText), (_, newText)) in ArtefactsOf(before).Zip(ArtefactsOf(after)))
            {
                var diff = UnifiedDiff.Of(oldText, newText, $"a/{name} ({before.Label})", $"b/{name} ({after.Label})");
                if (diff.Length == 0)
                {
                    md.AppendLine(CultureInfo.InvariantCulture, $"`{name}`: unchanged.").AppendLine();
                    continue;
                }

                var changed = diff.Split('\n').Count(l => l.Length > 0 && l[0] is '+' or '-' && !l.StartsWith("+++", StringComparison.Ordinal) && !l.StartsWith("---", StringComparison.Ordinal));
                md.AppendLine(CultureInfo.InvariantCulture, $"<details><summary><code>{name}</code>: {changed} line(s) changed</summary>").AppendLine();
                md.AppendLine("```diff").Append(diff).AppendLine("```").AppendLine().AppendLine("</details>").AppendLine();
            }
        }

        return md.ToString();
    }

    /// <summary>The section when one side cannot be read: the usual error lines for that side.</summary>
    public static string Invalid(string stack, string label, IEnumerable<string> errorLines)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"## What changes: `{stack}` at `{label}` is invalid").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"The stack cannot be compared: at `{label}` it has these mistakes.").AppendLine();
        md.AppendLine("```text");
        foreach (var line in errorLines)
        {
            md.AppendLine(line);
        }

        md.AppendLine("```").AppendLine();
        return md.ToString();
    }

    /// <summary>The section when the stack file does not exist at the base revision: the whole stack is new.</summary>
    public static string New(string stack, string fileName, string label) =>
        $"## What changes: `{stack}` is new\n\n`{fileName}` does not exist at `{label}`: `pulumi up` creates everything the review below lists.\n\n";

    private static IReadOnlyList<(string Name, string Text)> ArtefactsOf(StackRevision r) =>
        [.. r.Rendered.Files.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => (f.Key, f.Value)), (r.Rules.FileName, r.Rules.Yaml)];

    private static List<string> SettingChanges(StackRevision before, StackRevision after)
    {
        var old = SettingRows(before);
        var now = SettingRows(after);
        var lines = new List<string>();
        foreach (var key in old.Keys.Union(now.Keys))
        {
            var was = old.GetValueOrDefault(key);
            var becomes = now.GetValueOrDefault(key);
            if (was != becomes)
            {
                lines.Add($"| `{key}` | {was ?? "(none)"} | {becomes ?? "(none)"} |");
            }
        }

        return lines.Count == 0 ? lines : ["| setting | before | after |", "|---|---|---|", .. lines];
    }

    /// <summary>The rows of the review's Settings and Secrets tables by key, without the models (shown as models and rules).</summary>
    private static Dictionary<string, string> SettingRows(StackRevision r)
    {
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        var inTable = false;
        foreach (var line in StackReview.Render(r.Settings, r.Rendered).Split('\n'))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                inTable = line is "## Settings" or "## Secrets";
                continue;
            }

            if (!inTable || !line.StartsWith("| `", StringComparison.Ordinal))
            {
                continue;
            }

            var close = line.IndexOf("` |", 3, StringComparison.Ordinal);
            var key = line[3..close];
            var channel = key.IndexOf(" (", StringComparison.Ordinal);
            key = channel < 0 ? key : key[..channel];
            if (key != "models")
            {
                rows[key] = line[(close + 4)..^2];
            }
        }

        return rows;
    }

    private static List<string> RoutingChanges(StackSettings before, StackSettings after)
    {
        var lines = new List<string>();
        foreach (var (was, now) in RoutingTable.Compute(before).Zip(RoutingTable.Compute(after)))
        {
            if (!was.Channels.SequenceEqual(now.Channels))
            {
                lines.Add($"| {now.Alert} | {string.Join(", ", was.Channels)} | {string.Join(", ", now.Channels)} |");
            }
        }

        if (lines.Count > 0)
        {
            lines = ["| alert | reached before | reaches now |", "|---|---|---|", .. lines];
        }

        // A Slack app's webhook posts only to the channel it was created for: renaming the channel is not enough.
        foreach (var role in ChannelRoles.Every.Where(r => before.Slack.Channels[r] != after.Slack.Channels[r]))
        {
            lines.Add(string.Empty);
            lines.Add($"{DeployNotes.Warning} `slackWebhooks.{role.Key()}` must be a webhook created for {after.Slack.Channels[role]}: a Slack app's webhook posts only to the channel it was created for, so with the old one these alerts keep arriving in {before.Slack.Channels[role]}. Set the new one with `{SlackWebhooks.SetCommand(role, after.Stack)}`.");
        }

        return lines;
    }

    private static List<string> TimingChanges(StackSettings before, StackSettings after)
    {
        var (b, a) = (before.Routing, after.Routing);
        var grouped = $"{after.Slack.Channels[ChannelRole.Critical]} and {after.Slack.Channels[ChannelRole.Warning]}";
        var lines = new List<string>();
        if (!b.InhibitEqual.SequenceEqual(a.InhibitEqual))
        {
            lines.Add($"- Inhibition compares {Labels(a.InhibitEqual)} (was {Labels(b.InhibitEqual)}): a warning now stays quiet while a critical with the same {Labels(a.InhibitEqual)} fires.");
        }

        if (!b.GroupBy.SequenceEqual(a.GroupBy))
        {
            lines.Add($"- {grouped} group by [{string.Join(", ", a.GroupBy)}] (was [{string.Join(", ", b.GroupBy)}]): one message per distinct {Labels(a.GroupBy)}.");
        }

        foreach (var role in ChannelRoles.Every)
        {
            var (was, now) = (b.TimingOf(role), a.TimingOf(role));
            var channel = after.Slack.Channels[role];
            if (was.GroupWait.Value != now.GroupWait.Value)
            {
                lines.Add($"- {channel} `groupWait` {was.GroupWait} → {now.GroupWait}: the first message of a new group (e.g. the first {role switch { ChannelRole.Critical => "critical", ChannelRole.Warning => "warning", _ => "alert" }}) now waits {now.GroupWait}.");
            }

            if (was.GroupInterval.Value != now.GroupInterval.Value)
            {
                lines.Add($"- {channel} `groupInterval` {was.GroupInterval} → {now.GroupInterval}: a new alert joining a group already notified (e.g. a second {Example(role)}) now waits up to {now.GroupInterval} in {channel}, and a changing group re-posts at most once per {now.GroupInterval}.");
            }

            if (was.RepeatInterval.Value != now.RepeatInterval.Value)
            {
                lines.Add($"- {channel} `repeatInterval` {was.RepeatInterval} → {now.RepeatInterval}: an unchanged firing group is posted again every {now.RepeatInterval} in {channel}.");
            }
        }

        if (b.ResolveTimeout.Value != a.ResolveTimeout.Value)
        {
            lines.Add($"- `resolveTimeout` {b.ResolveTimeout} → {a.ResolveTimeout}: an alert received without an end time is resolved {a.ResolveTimeout} after its last update (Prometheus sets one, so this matters only for other senders).");
        }

        return lines;
    }

    private static string Example(ChannelRole role) => role switch
    {
        ChannelRole.Critical => "model's critical",
        ChannelRole.Warning => "model's warning",
        _ => "alert of any kind",
    };

    private static string Labels(IEnumerable<string> labels) => string.Join(" and ", labels.Select(l => $"`{l}`"));

    private static List<string> ModelChanges(StackRevision before, StackRevision after)
    {
        var lines = new List<string>();
        var old = before.Settings.Models.ToDictionary(m => m.Name, StringComparer.Ordinal);
        var now = after.Settings.Models.ToDictionary(m => m.Name, StringComparer.Ordinal);
        foreach (var model in after.Settings.Models.Where(m => !old.ContainsKey(m.Name)))
        {
            lines.Add($"- Model `{model.Name}` added: {Thresholds(model)}.");
        }

        foreach (var model in before.Settings.Models.Where(m => !now.ContainsKey(m.Name)))
        {
            lines.Add($"- **Model `{model.Name}` removed**: nothing alerts on it any more.");
        }

        foreach (var model in after.Settings.Models.Where(m => old.ContainsKey(m.Name)))
        {
            var was = old[model.Name];
            var changes = new List<string>();
            if (was.MaeCritical != model.MaeCritical)
            {
                changes.Add(string.Create(CultureInfo.InvariantCulture, $"critical MAE > {was.MaeCritical:0.00} → > {model.MaeCritical:0.00}"));
            }

            if (was.CriticalFor != model.CriticalFor)
            {
                changes.Add($"critical `for` {was.CriticalFor} → {model.CriticalFor}");
            }

            if (was.MaeWarning != model.MaeWarning)
            {
                changes.Add(string.Create(CultureInfo.InvariantCulture, $"warning MAE > {was.MaeWarning:0.00} → > {model.MaeWarning:0.00}"));
            }

            if (was.WarningFor != model.WarningFor)
            {
                changes.Add($"warning `for` {was.WarningFor} → {model.WarningFor}");
            }

            if (was.Version != model.Version)
            {
                changes.Add($"version {was.Version ?? "(none)"} → {model.Version ?? "(none)"}");
            }

            if (changes.Count > 0)
            {
                lines.Add($"- Model `{model.Name}`: {string.Join("; ", changes)}.");
            }
        }

        var oldRules = before.Rules.Summary.ToDictionary(r => (r.Alert, r.Severity, r.Model));
        var newRules = after.Rules.Summary.ToDictionary(r => (r.Alert, r.Severity, r.Model));
        var ruleLines = new List<string>();
        foreach (var rule in after.Rules.Summary)
        {
            if (!oldRules.TryGetValue((rule.Alert, rule.Severity, rule.Model), out var was))
            {
                ruleLines.Add($"| added | {rule.Alert} | {rule.Severity} | {rule.Model} | `{rule.Expression}` | {rule.For} |");
            }
            else if (was.Expression != rule.Expression || was.For != rule.For)
            {
                ruleLines.Add($"| changed | {rule.Alert} | {rule.Severity} | {rule.Model} | {Change($"`{was.Expression}`", $"`{rule.Expression}`")} | {Change(was.For, rule.For)} |");
            }
        }

        foreach (var rule in before.Rules.Summary.Where(r => !newRules.ContainsKey((r.Alert, r.Severity, r.Model))))
        {
            ruleLines.Add($"| **removed** | {rule.Alert} | {rule.Severity} | {rule.Model} | `{rule.Expression}` | {rule.For} |");
        }

        PairSharedRules(ruleLines);

        if (ruleLines.Count > 0)
        {
            lines.Add(string.Empty);
            lines.AddRange(["| rule | alert | severity | model | expression | for |", "|---|---|---|---|---|---|", .. ruleLines]);
        }

        return lines;
    }

    private static string Change(string was, string now) => was == now ? now : $"{was} → {now}";

    private static string Thresholds(ModelSettings m) =>
        string.Create(CultureInfo.InvariantCulture, $"critical > {m.MaeCritical:0.00} for {m.CriticalFor}, warning > {m.MaeWarning:0.00} for {m.WarningFor}");

    /// <summary>
    /// Models share a rule per distinct threshold and wait, so a model added to or removed from a shared rule
    /// shows as that rule removed with its old models and added with its new ones. Such a pair (same alert,
    /// severity, expression and wait) becomes one row: the rule's models changed.
    /// </summary>
    private static void PairSharedRules(List<string> ruleLines)
    {
        static string[] Cells(string line) => [.. line.Split(" | ").Select(c => c.Trim('|', ' '))];
        for (var i = 0; i < ruleLines.Count; i++)
        {
            var added = Cells(ruleLines[i]);
            if (added[0] != "added")
            {
                continue;
            }

            var j = ruleLines.FindIndex(line =>
            {
                var c = Cells(line);
                return c[0] == "**removed**" && c[1] == added[1] && c[2] == added[2] && c[4] == added[4] && c[5] == added[5];
            });
            if (j < 0)
            {
                continue;
            }

            ruleLines[i] = $"| models changed | {added[1]} | {added[2]} | {Cells(ruleLines[j])[3]} → {added[3]} | {added[4]} | {added[5]} |";
            ruleLines.RemoveAt(j);
            if (j < i)
            {
                i--;
            }
        }
    }

    private static List<string> ObjectChanges(StackRevision before, StackRevision after)
    {
        var lines = new List<string>();
        var old = PlannedResources.For(before.Settings).ToDictionary(p => (p.Kind, p.Name));
        var now = PlannedResources.For(after.Settings).ToDictionary(p => (p.Kind, p.Name));
        foreach (var added in now.Values.Where(p => !old.ContainsKey((p.Kind, p.Name))))
        {
            lines.Add($"- {added.Kind} `{added.Name}` added: {added.Purpose}.");
        }

        foreach (var removed in old.Values.Where(p => !now.ContainsKey((p.Kind, p.Name))))
        {
            lines.Add($"- {removed.Kind} `{removed.Name}` **removed**.");
        }

        var configReplaced = before.Rendered.Checksum != after.Rendered.Checksum;
        var ns = after.Settings.Namespace;
        if (configReplaced)
        {
            lines.Add($"- ConfigMap `{ns}/{WorkloadNames.ConfigMapPrefix}<suffix>` replaced (configuration checksum `{before.Rendered.Checksum[..12]}` → `{after.Rendered.Checksum[..12]}`): a new immutable ConfigMap, the old one deleted after the rollout.");
        }

        if (before.Rules.Yaml != after.Rules.Yaml && old.Keys.Any(k => k.Name == $"{before.Settings.Namespace}/{WorkloadNames.Rules}") && now.Keys.Any(k => k.Name == $"{ns}/{WorkloadNames.Rules}"))
        {
            lines.Add($"- {now.Values.First(p => p.Name == $"{ns}/{WorkloadNames.Rules}").Kind} `{ns}/{WorkloadNames.Rules}` updated in place; Prometheus picks up the new rules on its next reload, no pod rolls.");
        }

        var (wb, wa) = (AlertmanagerWorkload.From(before.Settings), AlertmanagerWorkload.From(after.Settings));
        var template = new List<string>();
        if (configReplaced)
        {
            template.Add("its ConfigMap");
        }

        if (wb.Image != wa.Image)
        {
            template.Add($"image {wb.Image} → {wa.Image}");
        }

        if (wb.Resources != wa.Resources)
        {
            template.Add("resources");
        }

        if (!wb.Args.SequenceEqual(wa.Args) || !wb.Environment.SequenceEqual(wa.Environment) || !wb.Mounts.SequenceEqual(wa.Mounts))
        {
            template.Add("arguments or mounts");
        }

        if (template.Count > 0)
        {
            lines.Add($"- Deployment `{ns}/{WorkloadNames.Deployment}` updated: **the pods roll** ({string.Join(", ", template)} changed), one at a time as the deploy notes describe.");
        }
        else if (wb.Replicas != wa.Replicas)
        {
            lines.Add($"- Deployment `{ns}/{WorkloadNames.Deployment}` scaled {wb.Replicas} → {wa.Replicas} replica(s); the running pods do not roll.");
        }
        else if (lines.Count > 0)
        {
            lines.Add($"- Deployment `{ns}/{WorkloadNames.Deployment}`: the pods do not roll.");
        }

        return lines;
    }
}
