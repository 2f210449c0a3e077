using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using CsCheck;
using MlopsAlerting.Core.Config;
using MlopsAlerting.Core.Rendering;
using MlopsAlerting.Core.Rules;
using MlopsAlerting.Core.Settings;
using MlopsAlerting.LocalRun;
using MlopsAlerting.LocalRun.Tests;

namespace MlopsAlerting.Alertmanager.Tests;

/// <summary>
/// The binder's promise, "accepted means deployable", checked on stacks drawn at random from the settings' grammar
/// (CsCheck): durations from zero to years, replicas, images, Slack modes, per-channel timings, rule settings and
/// models with colliding names and odd thresholds. Every stack the binder accepts renders an <c>alertmanager.yml</c>
/// that <c>amtool check-config</c> accepts and a rule file that <c>promtool check rules</c> accepts (the tools run once
/// per batch of files, so hundreds of stacks take seconds); every refusal names the stack file, a key of the schema,
/// the problem and the fix.
/// </summary>
public sealed class AcceptedMeansDeployableTests
{
    private const int Stacks = 300;

    // A fixed seed for one draw of the whole batch (CsCheck seeds only a sample's first iteration), so every run checks
    // the same stacks; a failure names the stack text to reproduce it.
    private const string Seed = "0N0XIzNsQ0O2";

    private static readonly Gen<string> Duration = Gen.OneOf("0s", "1ms", "500ms", "1s", "5s", "10s", "30s", "1m", "90s", "5m", "15m", "1h", "12h", "5d", "4w", "1y", "100y", "1h30m");

    private static readonly Gen<string?> OptionalDuration = Gen.Frequency((3, (IGen<string?>)Gen.Const((string?)null)), (2, Duration.Select(d => (string?)d)));

    // Mostly what a stack writes, one time in five anything of the grammar: both acceptance and refusal stay common.
    private static Gen<string> Usually(params string[] usual) => Gen.Frequency((4, (IGen<string>)Gen.OneOf(usual)), (1, Duration));

    private static readonly Gen<string> Model = Gen.Select(
        Gen.OneOf("california-housing", "churn", "fraud-detector", "demand.eu", "a"),
        Gen.OneOf<string?>(null, "v1.0", "2.1", "{{ .X }}"),
        Gen.Frequency((4, (IGen<string>)Gen.OneOf("0.40", "1", "12.5", "0.425")), (1, Gen.OneOf("0", "0.01", "-1"))),
        Gen.Frequency((5, (IGen<string?>)Gen.Const((string?)null)), (1, OptionalDuration)),
        Gen.Frequency((4, (IGen<string>)Gen.OneOf("0.30", "0.005", "0.2")), (1, Gen.OneOf("0.40", "2", "0"))),
        Gen.Frequency((5, (IGen<string?>)Gen.Const((string?)null)), (1, OptionalDuration)),
        (name, version, critical, criticalFor, warning, warningFor) =>
            $"    - name: {name}\n"
            + (version is null ? string.Empty : $"      version: '{version}'\n")
            + $"      maeCritical: {critical}\n      maeWarning: {warning}\n"
            + (criticalFor is null ? string.Empty : $"      criticalFor: {criticalFor}\n")
            + (warningFor is null ? string.Empty : $"      warningFor: {warningFor}\n"));

    private static readonly Gen<string> ChannelTimings = Gen.Select(Gen.OneOf("all", "critical", "warning"), OptionalDuration, OptionalDuration, OptionalDuration, (role, wait, interval, repeat) =>
        $"      {role}:\n"
        + $"        groupWait: {wait ?? "30s"}\n"
        + (interval is null ? string.Empty : $"        groupInterval: {interval}\n")
        + (repeat is null ? string.Empty : $"        repeatInterval: {repeat}\n"));

    private static readonly Gen<string> Stack = Gen.Select(
        Gen.Select(Gen.OneOf(1, 1, 3, 3, 3, 2, 5), Gen.OneOf("v0.34.0", "v0.34.0", "v0.25.0", "v0.31.1", "v0.32.0"), Gen.OneOf("webhooks", "webhooks", "app")),
        Gen.Select(Usually("0s", "10s", "30s", "1m"), Usually("1m", "5m", "1h"), Usually("4h", "12h", "5d"), Usually("5m", "1m")),
        ChannelTimings.Array[0, 2],
        Gen.Select(Usually("10m", "30m", "1h"), Gen.OneOf("critical", "warning", "info"), Gen.OneOf("watch", "alert", "both", "ignore")),
        Model.Array[0, 4],
        (alertmanager, routing, channels, rules, models) =>
        {
            var (replicas, image, mode) = alertmanager;
            var (wait, interval, repeat, resolve) = routing;
            var (missingFor, missingSeverity, unlisted) = rules;
            var text = new StringBuilder("config:\n  mlops-alerting:environment: Test\n");
            text.Append(CultureInfo.InvariantCulture, $"  mlops-alerting:alertmanager:\n    replicas: {replicas}\n    image: quay.io/prometheus/alertmanager:{image}\n");
            text.Append(CultureInfo.InvariantCulture, $"  mlops-alerting:routing:\n    groupWait: {wait}\n    groupInterval: {interval}\n    repeatInterval: {repeat}\n    resolveTimeout: {resolve}\n");
            if (channels.Length > 0)
            {
                text.Append("    channels:\n").AppendJoin(string.Empty, channels.DistinctBy(c => c.Split(':')[0]));
            }

            text.Append(CultureInfo.InvariantCulture, $"  mlops-alerting:slack:\n    mode: {mode}\n");
            text.Append(CultureInfo.InvariantCulture, $"  mlops-alerting:rules:\n    missingFor: {missingFor}\n    missingSeverity: {missingSeverity}\n    unlistedModels: {unlisted}\n");
            text.Append("  mlops-alerting:models:").Append(models.Length == 0 ? " []\n" : "\n").AppendJoin(string.Empty, models);
            return text.ToString();
        });

    [Fact(Timeout = 240_000)]
    public async Task Every_accepted_random_stack_renders_files_amtool_and_promtool_accept_and_every_refusal_names_key_and_fix()
    {
        var amtool = await RequiredBinaries.AmtoolAtLeastOrSkipAsync(SlackModes.AppModeMinimumVersion, "checking app-mode stacks (update_message)");
        var promtool = RequiredBinaries.PromtoolOrSkip();
        using var scratch = new ScratchDirectory();
        var accepted = new ConcurrentBag<(string Stack, string Directory)>();
        var refused = 0;

        Check.Sample(Stack.Array[Stacks], stacks => Array.ForEach(stacks, text =>
        {
            StackSettings settings;
            try
            {
                settings = SettingsBinder.Bind(StackFileReader.Parse("test", "Pulumi.test.yaml", text));
            }
            catch (SettingsException refusal)
            {
                Interlocked.Increment(ref refused);
                Assert.NotEmpty(refusal.Errors);
                foreach (var error in refusal.Errors)
                {
                    Assert.Equal("Pulumi.test.yaml", error.File);
                    Assert.True(SettingsSchema.Find(SchemaPath(error.Key)) is not null, $"'{error.Key}' is not a key of the schema: {error}\n{text}");
                    Assert.False(string.IsNullOrWhiteSpace(error.Problem), error.ToString());
                    Assert.False(string.IsNullOrWhiteSpace(error.Fix), error.ToString());
                }

                return;
            }

            var directory = Path.Combine(scratch.Path, accepted.Count.ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8]);
            AlertmanagerConfigRenderer.Render(settings, Path.Combine(directory, "secrets")).WriteTo(directory);
            var rules = ModelAlertRules.Render(settings);
            File.WriteAllText(Path.Combine(directory, rules.FileName), rules.Yaml);
            accepted.Add((text, directory));
        }), seed: Seed, iter: 1, threads: 1);

        TestContext.Current.TestOutputHelper?.WriteLine($"{accepted.Count} stacks accepted, {refused} refused (seed {Seed})");

        // Both outcomes must be common, or the grammar tests nothing (this seed: 35 accepted, 265 refused).
        Assert.InRange(accepted.Count, Stacks / 10, Stacks - (Stacks / 10));
        Assert.InRange(refused, Stacks / 10, Stacks - (Stacks / 10));

        foreach (var batch in accepted.Chunk(60))
        {
            var configs = batch.Select(b => Path.Combine(b.Directory, ConfigLayout.ConfigFileName)).ToArray();
            var check = await amtool.CheckConfigsAsync(configs, TestContext.Current.CancellationToken);
            Assert.True(check.Succeeded, Failed(check, batch, "amtool check-config"));

            var ruleFiles = batch.Select(b => Path.Combine(b.Directory, ModelAlertRules.FileName)).ToArray();
            var lint = await promtool.CheckRulesAsync(ruleFiles, TestContext.Current.CancellationToken);
            Assert.True(lint.Succeeded, Failed(lint, batch, "promtool check rules"));
        }
    }

    // models[3].maeWarning → models.maeWarning; routing.channels.all.groupWait stays as it is.
    private static string SchemaPath(string key) =>
        string.Join('.', key.Split('.').Select(part => part.Contains('[', StringComparison.Ordinal) ? part[..part.IndexOf('[', StringComparison.Ordinal)] : part));

    private static string Failed(CliResult result, IReadOnlyList<(string Stack, string Directory)> batch, string tool)
    {
        var output = result.StandardOutput + result.StandardError;
        var culprit = batch.FirstOrDefault(b => output.Contains(b.Directory + "/", StringComparison.Ordinal) && output[output.IndexOf(b.Directory + "/", StringComparison.Ordinal)..].Split('\n')[0].Contains("FAILED", StringComparison.Ordinal));
        return $"{tool} refused an accepted stack:\n{output}\n{culprit.Stack ?? string.Join("\n---\n", batch.Select(b => b.Stack))}";
    }
}
