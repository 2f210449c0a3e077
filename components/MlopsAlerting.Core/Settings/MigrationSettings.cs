namespace MlopsAlerting.Core.Settings;

/// <summary>How the first <c>pulumi up</c> after an import takes over objects another tool wrote.</summary>
/// <param name="PatchForce">
/// Puts <c>pulumi.com/patchForce: "true"</c> on the objects the guide's import adopts (namespace, Service):
/// pulumi-kubernetes' server-side apply then takes over fields owned by <c>kubectl-client-side-apply</c> (what
/// <c>kubectl apply</c> writes) instead of failing with a conflict. Meant for the migration only: while it is on,
/// Pulumi also overwrites what anyone else changed on those objects.
/// </param>
public sealed record MigrationSettings(bool PatchForce)
{
    public static readonly MigrationSettings Default = new(false);

    /// <summary>The annotation pulumi-kubernetes 4.32 reads (<c>provider/pkg/metadata/annotations.go</c>, <c>AnnotationPatchForce</c>).</summary>
    public const string PatchForceAnnotation = "pulumi.com/patchForce";
}
