namespace MlopsAlerting.Core.Rendering;

/// <summary>
/// How a local run's Alertmanager reaches a stand-in for Slack's Web API in app mode: Alertmanager accepts
/// <c>update_message</c> only with <c>api_url</c> exactly <c>https://slack.com/api/chat.postMessage</c>, so a local run
/// keeps that URL and routes it through <c>http_config.proxy_url</c> (a loopback CONNECT proxy answering TLS for
/// slack.com) trusting the proxy's test CA (<c>http_config.tls_config.ca_file</c>). Never part of a deployed stack.
/// </summary>
/// <param name="ProxyUrl">The loopback proxy, e.g. <c>http://127.0.0.1:PORT</c>.</param>
/// <param name="CaFile">PEM file of the CA that signed the proxy's slack.com certificate.</param>
public sealed record LocalSlackApi(Uri ProxyUrl, string CaFile);
