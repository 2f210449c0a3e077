using System.CommandLine;
using System.CommandLine.Parsing;

namespace MlopsAlerting.Review;

/// <summary>The command line of <c>review</c>, parsed by System.CommandLine (help, errors and shell completion).</summary>
internal sealed record ReviewOptions(string Stack, string? OutDirectory, string? SecretsDirectory, bool Try, string? ProjectDirectory, string? ImportGuideFile = null, string? CompareRef = null)
{
    /// <summary>What each option needs when it is given without a value, by name (initialised before the options below).</summary>
    private static readonly Dictionary<string, string> ValueNeeded = [];

    private static readonly Argument<string> StackArgument = new("stack") { Description = "dev, prod, ... (reads Pulumi.<stack>.yaml beside Pulumi.yaml)" };

    private static readonly Option<string?> Out = Valued("--out", "DIR", "a folder", "write alertmanager.yml, slack.tmpl, the model rule file and prometheus-alerting.yml into DIR");
    private static readonly Option<string?> SecretsDir = Valued("--secrets-dir", "DIR", "a folder", "point the webhook files (api_url_file) at DIR/<role>, or in app mode the bot token file at DIR/bot-token, instead of /etc/alertmanager/slack");
    private static readonly Option<bool> TryRun = new("--try") { Description = "run the configuration on a local Alertmanager with a loopback Slack stand-in (the guide's step 5)" };
    private static readonly Option<string?> ProjectDir = Valued("--project-dir", "DIR", "a folder", "folder holding Pulumi.yaml (default: the nearest one above the current folder)");
    private static readonly Option<string?> ImportGuide = Valued("--import-guide", "FILE", "a file name, e.g. --import-guide import-guide.json", "write the `pulumi import --file` file that adopts the hand-run guide's objects (docs/migrating-from-the-guide.md)");
    private static readonly Option<string?> Compare = Valued("--compare", "REF", "a git ref, e.g. --compare origin/main", "print first what changes for alerting from the stack at git REF (read through git, nothing checked out) to the work tree");

    /// <summary>The command: the stack argument and every option, in the order help lists them.</summary>
    public static RootCommand Command() => new("Offline review of a stack: settings, secrets set or missing, routing, resources, rules, rendered configuration.")
    {
        StackArgument, Out, SecretsDir, TryRun, ProjectDir, ImportGuide, Compare,
    };

    /// <summary>The parse errors in the tool's words: an option without its value says what it needs.</summary>
    public static IEnumerable<string> Errors(ParseResult parsed)
    {
        var stackMissing = parsed.GetResult(StackArgument) is not { Tokens.Count: > 0 };
        var errors = parsed.Errors
            .Where(e => !(stackMissing && e.Message.StartsWith("Required argument missing", StringComparison.Ordinal)))
            .Select(e => e.SymbolResult is OptionResult { Option: { } option, Tokens.Count: 0 } && ValueNeeded.TryGetValue(option.Name, out var needed)
                ? $"{option.Name} needs {needed}"
                : e.Message);
        return (stackMissing ? errors.Prepend("name the stack to review, e.g. prod") : errors).Distinct();
    }

    /// <summary>The options of a parse without errors.</summary>
    public static ReviewOptions From(ParseResult parsed) => new(
        parsed.GetRequiredValue(StackArgument),
        parsed.GetValue(Out),
        parsed.GetValue(SecretsDir),
        parsed.GetValue(TryRun),
        parsed.GetValue(ProjectDir),
        parsed.GetValue(ImportGuide),
        parsed.GetValue(Compare));

    private static Option<string?> Valued(string name, string valueName, string needs, string description)
    {
        ValueNeeded[name] = needs;
        var option = new Option<string?>(name) { Description = description, HelpName = valueName };
        option.Validators.Add(result =>
        {
            if (result.Tokens is [{ Value: var value }] && value.StartsWith('-'))
            {
                result.AddError($"{name} needs {needs}, not the option {value}");
            }
        });
        return option;
    }

    /// <summary>The folder holding Pulumi.yaml: the given one, or the nearest above the current folder.</summary>
    public string? FindProjectDirectory()
    {
        if (ProjectDirectory is not null)
        {
            return ProjectDirectory;
        }

        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pulumi.yaml")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
