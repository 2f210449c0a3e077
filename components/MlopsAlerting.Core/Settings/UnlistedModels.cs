namespace MlopsAlerting.Core.Settings;

/// <summary>
/// What the rules do with a model that reports MAE but is not in the stack's <c>models</c> (<c>rules.unlistedModels</c>):
/// a team shipped a model and did not add it. The guide's rule watched every model, so the default keeps watching.
/// </summary>
public enum UnlistedModels
{
    /// <summary>Watch it with the default thresholds of <c>models</c> (0.40 for 5m, 0.30 for 15m); its messages say it is not listed.</summary>
    Watch,

    /// <summary>Do not watch its MAE; raise <c>ModelNotListed</c> (warning) once it has reported for <c>rules.missingFor</c>.</summary>
    Alert,

    /// <summary>Both: watch it with the default thresholds and raise <c>ModelNotListed</c>.</summary>
    Both,

    /// <summary>Ignore it (a Prometheus shared with models this stack does not own); the review says so.</summary>
    Ignore,
}

/// <summary>Names of <see cref="UnlistedModels"/> as a stack file writes them.</summary>
public static class UnlistedModelsNames
{
    /// <summary>Every mode by its key.</summary>
    public static readonly IReadOnlyDictionary<string, UnlistedModels> ByKey = new Dictionary<string, UnlistedModels>(StringComparer.Ordinal)
    {
        ["watch"] = UnlistedModels.Watch,
        ["alert"] = UnlistedModels.Alert,
        ["both"] = UnlistedModels.Both,
        ["ignore"] = UnlistedModels.Ignore,
    };

    /// <summary><c>watch</c>, <c>alert</c>, <c>both</c> or <c>ignore</c>.</summary>
    public static string Key(this UnlistedModels mode) => ByKey.Single(p => p.Value == mode).Key;

    /// <summary>Whether unlisted models are watched with the default thresholds.</summary>
    public static bool Watches(this UnlistedModels mode) => mode is UnlistedModels.Watch or UnlistedModels.Both;

    /// <summary>Whether <c>ModelNotListed</c> fires for them.</summary>
    public static bool Alerts(this UnlistedModels mode) => mode is UnlistedModels.Alert or UnlistedModels.Both;
}
