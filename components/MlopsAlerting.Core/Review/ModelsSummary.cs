using System.Globalization;
using MlopsAlerting.Core.Settings;

namespace MlopsAlerting.Core.Review;

/// <summary>
/// The models of a stack as a review states them: every model while there are few; for thousands, the count, the
/// threshold groups (largest first, each with its first models) and the versions, so the review stays small and still
/// says which thresholds every model gets.
/// </summary>
public static class ModelsSummary
{
    /// <summary>Models listed one by one; more are summarised.</summary>
    public const int MaxListed = 20;

    /// <summary>Threshold groups listed; more are counted.</summary>
    public const int MaxGroups = 10;

    /// <summary>Model names shown as examples of a group.</summary>
    public const int Examples = 3;

    public static string Text(IReadOnlyList<ModelSettings> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        if (models.Count == 0)
        {
            return "(none)";
        }

        if (models.Count <= MaxListed)
        {
            return string.Join("; ", models.Select(m => $"{m.Name}{(m.Version is null ? "" : " " + m.Version)}: {Thresholds(m)}"));
        }

        var groups = models.GroupBy(Thresholds).OrderByDescending(g => g.Count()).ToList();
        var versions = models.Select(m => m.Version).Where(v => !string.IsNullOrWhiteSpace(v)).Distinct(StringComparer.Ordinal).Count();
        var unversioned = models.Count(m => string.IsNullOrWhiteSpace(m.Version));
        var listed = groups.Take(MaxGroups).Select(g =>
            string.Create(CultureInfo.InvariantCulture, $"{g.Count()} × {g.Key} (e.g. {string.Join(", ", g.Take(Examples).Select(m => m.Name))})"));
        return string.Create(CultureInfo.InvariantCulture, $"{models.Count} models in {groups.Count} threshold group(s): ")
            + string.Join("; ", listed)
            + (groups.Count > MaxGroups ? string.Create(CultureInfo.InvariantCulture, $"; and {groups.Count - MaxGroups} more group(s) of {groups.Skip(MaxGroups).Sum(g => g.Count())} models") : string.Empty)
            + string.Create(CultureInfo.InvariantCulture, $". {versions} distinct version(s), {unversioned} model(s) without one. Every model is in the rule file (`review --out`).");
    }

    private static string Thresholds(ModelSettings m) =>
        string.Create(CultureInfo.InvariantCulture, $"critical > {m.MaeCritical:0.00} for {m.CriticalFor}, warning > {m.MaeWarning:0.00} for {m.WarningFor}");
}
