namespace MlopsAlerting.Core.Review;

/// <summary>A Kubernetes object (or Pulumi resource) that <c>pulumi up</c> creates for the stack, and why.</summary>
public sealed record PlannedResource(string Kind, string Name, string Purpose);
