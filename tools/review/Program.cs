using MlopsAlerting.Core.Config;
using MlopsAlerting.Core.Migration;
using MlopsAlerting.Core.Rendering;
using MlopsAlerting.Core.Review;
using MlopsAlerting.Core.Rules;
using MlopsAlerting.Core.Settings;
using MlopsAlerting.Core.Workload;
using MlopsAlerting.Review;

var (options, error) = ReviewOptions.Parse(args);
if (options is null)
{
    if (error is not null)
    {
        Console.Error.WriteLine($"review: {error}");
    }

    Console.Error.WriteLine(ReviewOptions.Usage);
    return error is null ? 0 : 2;
}

var projectDirectory = options.FindProjectDirectory();
if (projectDirectory is null)
{
    Console.Error.WriteLine("review: no Pulumi.yaml in this folder or above. Fix: run from the repository, or pass --project-dir DIR.");
    return 2;
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

var webhookDirectory = options.SecretsDirectory is null ? ConfigLayout.WebhookDirectory : Path.GetFullPath(options.SecretsDirectory);
var rendered = AlertmanagerConfigRenderer.Render(settings, webhookDirectory);
var rules = ModelAlertRules.Render(settings);
var workload = AlertmanagerWorkload.From(settings);
var prometheusSnippet = PrometheusAlertingSnippet.Render(settings, workload);

if (options.OutDirectory is not null)
{
    try
    {
        rendered.WriteTo(options.OutDirectory);
        File.WriteAllText(Path.Combine(options.OutDirectory, rules.FileName), rules.Yaml);
        File.WriteAllText(Path.Combine(options.OutDirectory, PrometheusAlertingSnippet.FileName), prometheusSnippet);
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

Console.Out.Write(StackReview.Render(settings, rendered, [RulesSection.From(rules, ObjectSizeLimit.Sizes(settings, rules)), PrometheusSection.From(settings, workload)]));
if (options.OutDirectory is not null)
{
    Console.Out.WriteLine($"Wrote {string.Join(", ", rendered.Files.Keys.Append(rules.FileName).Append(PrometheusAlertingSnippet.FileName))} to {Path.GetFullPath(options.OutDirectory)}.");
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
