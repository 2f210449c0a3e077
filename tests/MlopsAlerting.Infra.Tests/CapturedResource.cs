using Pulumi;

namespace MlopsAlerting.Infra.Tests;

/// <summary>A resource as the program declared it, seen by a transformation before it reaches the engine.</summary>
internal sealed record CapturedResource(string Type, string Name, string? ParentType, string? ParentName, ResourceArgs? Args, ResourceOptions Options);
