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

/// <summary>A receiver with its Slack configurations.</summary>
public sealed record ReceiverConfig(
    [property: YamlMember(Alias = "name")] string Name,
    [property: YamlMember(Alias = "slack_configs")] IReadOnlyList<SlackConfig> SlackConfigs);

/// <summary>One Slack notification target; the webhook comes from a file, never inline.</summary>
public sealed record SlackConfig(
    [property: YamlMember(Alias = "api_url_file")] string ApiUrlFile,
    [property: YamlMember(Alias = "channel")] string Channel,
    [property: YamlMember(Alias = "send_resolved")] bool SendResolved,
    [property: YamlMember(Alias = "color")] string Color,
    [property: YamlMember(Alias = "title")] string Title,
    [property: YamlMember(Alias = "text")] string Text,
    [property: YamlMember(Alias = "fallback")] string Fallback,
    [property: YamlMember(Alias = "fields")] IReadOnlyList<SlackFieldConfig> Fields,
    [property: YamlMember(Alias = "actions")] IReadOnlyList<SlackActionConfig> Actions);

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
