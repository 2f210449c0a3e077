namespace MlopsAlerting.Core.Rendering;

/// <summary>
/// Where the files live in the Alertmanager pod; the Pulumi components mount exactly these paths,
/// and the rendered configuration points at them.
/// </summary>
public static class ConfigLayout
{
    public const string ConfigFileName = "alertmanager.yml";
    public const string TemplateFileName = "slack.tmpl";
    public const string ConfigDirectory = "/etc/alertmanager/config";
    public const string WebhookDirectory = "/etc/alertmanager/slack";
    public const string WebConfigDirectory = "/etc/alertmanager/web";
    public const string WebConfigFileName = "web.yml";
    public const string StorageDirectory = "/alertmanager";

    public static string ConfigFilePath => $"{ConfigDirectory}/{ConfigFileName}";
}
