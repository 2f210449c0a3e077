using MlopsAlerting.Core.Config;
using MlopsAlerting.Core.Dashboard;
using MlopsAlerting.Core.Migration;
using MlopsAlerting.Core.Rendering;
using MlopsAlerting.Core.Review;
using MlopsAlerting.Core.Rules;
using MlopsAlerting.Core.Settings;
using MlopsAlerting.Core.Workload;
using MlopsAlerting.Review;

// Exit codes: 0 valid, 1 mistakes in the stack (or a file that cannot be written), 2 usage (options, ref, project folder).
if (args is [SettingsDocsCommand.Name, ..])
{
    return SettingsDocsCommand.Run(args[1..]);
}

var command = ReviewOptions.Command();
var parsed = command.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in ReviewOptions.Errors(parsed))
    {
        Console.Error.WriteLine($"review: {error}");
    }

    Console.Error.WriteLine("Run `review --help` for the options.");
    return 2;
}

command.SetAction((result, _) => RunAsync(ReviewOptions.From(result)));
return await parsed.InvokeAsync();

static async Task<int> RunAsync(ReviewOptions options)
{
    var projectDirectory = options.FindProjectDirectory();
    if (projectDirectory is null)
    {
        Console.Error.WriteLine("review: no Pulumi.yaml in this folder or above. Fix: run from the repository, or pass --project-dir DIR.");
        return 2;
    }

    GitRevision? baseRevision = null;
    if (options.CompareRef is not null)
    {
        (baseRevision, var refError) = GitRevision.Resolve(projectDirectory, options.CompareRef);
        if (baseRevision is null)
        {
            Console.Error.WriteLine($"review: {refError}");
            return 2;
        }
    }

    StackSettings settings;
    try
    {
        settings = SettingsBinder.Bind(StackFileReader.Read(projectDirectory, options.Stack));
    }
    catch (SettingsException e)
    {
        Console.Error.WriteLine(e.Message);
        return 1;
    }

    if (baseRevision is not null)
    {
        Console.Out.Write(ChangesSince(baseRevision, options.CompareRef!, settings));
    }

    var webhookDirectory = options.SecretsDirectory is null ? ConfigLayout.WebhookDirectory : Path.GetFullPath(options.SecretsDirectory);
    var rendered = AlertmanagerConfigRenderer.Render(settings, webhookDirectory);
    var rules = StackRules.Render(settings);
    var workload = AlertmanagerWorkload.From(settings);
    var prometheusSnippet = PrometheusAlertingSnippet.Render(settings, workload);

    if (options.OutDirectory is not null)
    {
        try
        {
            rendered.WriteTo(options.OutDirectory);
            File.WriteAllText(Path.Combine(options.OutDirectory, rules.FileName), rules.Yaml);
            File.WriteAllText(Path.Combine(options.OutDirectory, PrometheusAlertingSnippet.FileName), prometheusSnippet);
            File.WriteAllText(Path.Combine(options.OutDirectory, AlertmanagerScrape.FileName), AlertmanagerScrape.Render(settings, workload));
            File.WriteAllText(Path.Combine(options.OutDirectory, ModelDashboard.FileName), ModelDashboard.Render(settings));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"review: cannot write to {options.OutDirectory}: {e.Message}. Fix: choose a folder you can write to.");
            return 1;
        }
    }

    if (options.ImportGuideFile is not null)
    {
        try
        {
            File.WriteAllText(options.ImportGuideFile, GuideImport.Render(settings));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"review: cannot write {options.ImportGuideFile}: {e.Message}. Fix: choose a file you can write.");
            return 1;
        }
    }

    if (options.Try)
    {
        return await LocalTry.RunAsync(settings, Console.Out);
    }

    var (otherStacks, unreadableStacks) = OtherStacks.Read(projectDirectory, options.Stack);
    Console.Out.Write(StackReview.Render(settings, rendered, [RulesSection.From(rules, ObjectSizeLimit.Sizes(settings, rules)), PrometheusSection.From(settings, workload), SharedPrometheusReview.Render(settings, otherStacks, unreadableStacks), DashboardReview.Render(settings, ReviewSample.Start)]));
    if (options.OutDirectory is not null)
    {
        Console.Out.WriteLine($"Wrote {string.Join(", ", rendered.Files.Keys.Append(rules.FileName).Append(PrometheusAlertingSnippet.FileName).Append(AlertmanagerScrape.FileName).Append(ModelDashboard.FileName))} to {Path.GetFullPath(options.OutDirectory)}.");
    }

    if (options.ImportGuideFile is not null)
    {
        Console.Out.WriteLine($"Wrote {Path.GetFullPath(options.ImportGuideFile)}: it adopts the guide's namespace `{settings.Namespace}`, Deployment and Service `alertmanager`, and its ConfigMap `{GuideImport.GuideConfigMap}` and Secret `{GuideImport.GuideSecret}` so that `pulumi up` deletes them. Run:");
        foreach (var command in GuideImport.Commands(settings, options.ImportGuideFile))
        {
            Console.Out.WriteLine($"    {command}");
        }
    }

    return 0;
}

// The "What changes" section from the stack at the ref to the work tree. The old side is read through git with
// the work tree's limits and rules; its mistakes are reported (here and on stderr) but do not fail the review:
// a pull request that repairs a broken stack must be reviewable.
static string ChangesSince(GitRevision revision, string gitRef, StackSettings settings)
{
    var fileName = StackConfig.FileNameOf(StackNames.ShortName(settings.Stack));
    if (!revision.Has("Pulumi.yaml") || !revision.Has(fileName))
    {
        return StackChanges.New(settings.Stack, fileName, gitRef);
    }

    try
    {
        var old = SettingsBinder.Bind(StackFileReader.FromBytes(settings.Stack, $"{fileName}@{gitRef}", revision.Read(fileName)));
        return StackChanges.Render(StackRevision.Of(gitRef, old), StackRevision.Of("the work tree", settings));
    }
    catch (SettingsException e)
    {
        Console.Error.WriteLine($"At {gitRef}: {e.Message}");
        return StackChanges.Invalid(settings.Stack, gitRef, e.Message.Split(Environment.NewLine));
    }
}
