using YamlDotNet.Serialization;

namespace MlopsAlerting.Core.Rendering;

// Typed model of the part of alertmanager.yml this project writes. Names follow Alertmanager's
// documentation; YamlDotNet writes them with the aliases below.

/// <summary>The whole <c>alertmanager.yml</c>.</summary>
public sealed record AlertmanagerConfigModel(
    [property: YamlMember(Alias = "global")] GlobalConfig Global,
    [property: YamlMember(Alias = "templates")] IReadOnlyList<string> Templates,
    [property: YamlMember(Alias = "route")] RouteConfig Route,
    [property: YamlMember(Alias = "inhibit_rules")] IReadOnlyList<InhibitRuleConfig> InhibitRules,
    [property: YamlMember(Alias = "receivers")] IReadOnlyList<ReceiverConfig> Receivers);

/// <summary>Global settings.</summary>
public sealed record GlobalConfig([property: YamlMember(Alias = "resolve_timeout")] string ResolveTimeout);

/// <summary>A node of the routing tree.</summary>
public sealed record RouteConfig(
    [property: YamlMember(Alias = "receiver")] string Receiver,
    [property: YamlMember(Alias = "matchers")] IReadOnlyList<string>? Matchers = null,
    [property: YamlMember(Alias = "group_by")] IReadOnlyList<string>? GroupBy = null,
    [property: YamlMember(Alias = "group_wait")] string? GroupWait = null,
    [property: YamlMember(Alias = "group_interval")] string? GroupInterval = null,
    [property: YamlMember(Alias = "repeat_interval")] string? RepeatInterval = null,
    [property: YamlMember(Alias = "continue")] bool? Continue = null,
    [property: YamlMember(Alias = "routes")] IReadOnlyList<RouteConfig>? Routes = null);

/// <summary>An inhibition: while a source alert fires, matching targets with equal labels stay quiet.</summary>
public sealed record InhibitRuleConfig(
    [property: YamlMember(Alias = "source_matchers")] IReadOnlyList<string> SourceMatchers,
    [property: YamlMember(Alias = "target_matchers")] IReadOnlyList<string> TargetMatchers,
    [property: YamlMember(Alias = "equal")] IReadOnlyList<string> Equal);

/// <summary>A receiver with its Slack configurations, or (the heartbeat) its webhook configurations.</summary>
public sealed record ReceiverConfig(
    [property: YamlMember(Alias = "name")] string Name,
    [property: YamlMember(Alias = "slack_configs", DefaultValuesHandling = DefaultValuesHandling.OmitEmptyCollections)] IReadOnlyList<SlackConfig> SlackConfigs,
    [property: YamlMember(Alias = "webhook_configs")] IReadOnlyList<WebhookConfig>? WebhookConfigs = null);

/// <summary>A plain webhook whose URL comes from a file (the heartbeat's, a secret), never inline.</summary>
public sealed record WebhookConfig(
    [property: YamlMember(Alias = "url_file")] string UrlFile,
    [property: YamlMember(Alias = "send_resolved")] bool SendResolved);

/// <summary>
/// One Slack notification target. Webhook mode: the webhook comes from <c>api_url_file</c>, never inline. App mode:
/// <c>api_url</c> is Slack's <c>chat.postMessage</c> and the bot token comes from a file named in <c>http_config</c>.
/// </summary>
public sealed record SlackConfig(
    [property: YamlMember(Alias = "api_url_file")] string? ApiUrlFile,
    [property: YamlMember(Alias = "channel")] string Channel,
    [property: YamlMember(Alias = "send_resolved")] bool SendResolved,
    [property: YamlMember(Alias = "color")] string Color,
    [property: YamlMember(Alias = "title")] string Title,
    [property: YamlMember(Alias = "text")] string Text,
    [property: YamlMember(Alias = "fallback")] string Fallback,
    [property: YamlMember(Alias = "fields")] IReadOnlyList<SlackFieldConfig> Fields,
    [property: YamlMember(Alias = "actions")] IReadOnlyList<SlackActionConfig> Actions,
    [property: YamlMember(Alias = "api_url")] string? ApiUrl = null,
    [property: YamlMember(Alias = "update_message")] bool? UpdateMessage = null,
    [property: YamlMember(Alias = "http_config")] HttpClientConfig? HttpConfig = null);

/// <summary>How Alertmanager's HTTP client reaches a receiver.</summary>
public sealed record HttpClientConfig(
    [property: YamlMember(Alias = "authorization")] AuthorizationConfig? Authorization = null,
    [property: YamlMember(Alias = "proxy_url")] string? ProxyUrl = null,
    [property: YamlMember(Alias = "tls_config")] TlsClientConfig? TlsConfig = null);

/// <summary>An <c>Authorization</c> header whose credentials come from a file (type <c>Bearer</c> by default).</summary>
public sealed record AuthorizationConfig([property: YamlMember(Alias = "credentials_file")] string CredentialsFile);

/// <summary>TLS settings of an HTTP client.</summary>
public sealed record TlsClientConfig([property: YamlMember(Alias = "ca_file")] string CaFile);

/// <summary>A short Slack attachment field.</summary>
public sealed record SlackFieldConfig(
    [property: YamlMember(Alias = "title")] string Title,
    [property: YamlMember(Alias = "value")] string Value,
    [property: YamlMember(Alias = "short")] bool Short);

/// <summary>A link button.</summary>
public sealed record SlackActionConfig(
    [property: YamlMember(Alias = "type")] string Type,
    [property: YamlMember(Alias = "text")] string Text,
    [property: YamlMember(Alias = "url")] string Url);
