namespace MlopsAlerting.Review;

/// <summary>The command line of <c>review</c>.</summary>
internal sealed record ReviewOptions(string Stack, string? OutDirectory, string? SecretsDirectory, bool Try, string? ProjectDirectory, string? ImportGuideFile = null)
{
    public const string Usage = """
        usage: dotnet run --project tools/review -- <stack> [--out DIR] [--secrets-dir DIR] [--try] [--project-dir DIR] [--import-guide FILE]
          <stack>            dev, prod, ... (reads Pulumi.<stack>.yaml beside Pulumi.yaml)
          --out DIR          write alertmanager.yml, slack.tmpl, the model rule file and prometheus-alerting.yml into DIR
          --secrets-dir DIR  point the webhook files (api_url_file) at DIR/<role>, or in app mode the bot token file at DIR/bot-token, instead of /etc/alertmanager/slack
          --try              run the configuration on a local Alertmanager with a loopback Slack stand-in (the guide's step 5)
          --project-dir DIR  folder holding Pulumi.yaml (default: the nearest one above the current folder)
          --import-guide FILE  write the `pulumi import --file` file that adopts the hand-run guide's objects (README: migrating from the guide)
        """;

    /// <summary>Parses the arguments; null with a message when they are wrong.</summary>
    public static (ReviewOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        string? stack = null, outDir = null, secretsDir = null, projectDir = null, importGuide = null;
        var tryRun = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--out" or "--secrets-dir" or "--project-dir" when i + 1 >= args.Count:
                    return (null, $"{args[i]} needs a folder");
                case "--import-guide" when i + 1 >= args.Count || args[i + 1].StartsWith('-'):
                    return (null, "--import-guide needs a file name, e.g. --import-guide import-guide.json");
                case "--import-guide":
                    importGuide = args[++i];
                    break;
                case "--out":
                    outDir = args[++i];
                    break;
                case "--secrets-dir":
                    secretsDir = args[++i];
                    break;
                case "--project-dir":
                    projectDir = args[++i];
                    break;
                case "--try":
                    tryRun = true;
                    break;
                case "-h" or "--help":
                    return (null, null);
                case var a when a.StartsWith('-'):
                    return (null, $"unknown option {a}");
                case var a when stack is null:
                    stack = a;
                    break;
                case var a:
                    return (null, $"unexpected argument {a}");
            }
        }

        return stack is null ? (null, "name the stack to review, e.g. prod") : (new ReviewOptions(stack, outDir, secretsDir, tryRun, projectDir, importGuide), null);
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
