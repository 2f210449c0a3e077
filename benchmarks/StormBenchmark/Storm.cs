using System.Diagnostics;
using System.Globalization;
using MlopsAlerting.LocalRun;

namespace MlopsAlerting.StormBenchmark;

/// <summary>
/// The storm: 50 models, each firing a warning and 300 ms later a critical, the models 20 ms apart
/// (the whole storm lasts about 1.3 s). Every alert is posted to every target Alertmanager at the same moment.
/// In a mixed storm the first models fire only their warning.
/// </summary>
internal static class Storm
{
    public const int Models = 50;
    public static readonly TimeSpan ModelSpacing = TimeSpan.FromMilliseconds(20);
    public static readonly TimeSpan CriticalAfterWarning = TimeSpan.FromMilliseconds(300);

    public static string ModelName(int index) => "storm-" + (index + 1).ToString("D2", CultureInfo.InvariantCulture);

    /// <summary>The model's critical; its description names the model, so the guide's text (descriptions only) can be counted.</summary>
    public static PostableAlert Critical(string model) => GuideAlerts.ModelPerformanceDegraded("critical", model, mae: "0.45", threshold: "0.40");

    public static PostableAlert Warning(string model) => GuideAlerts.ModelPerformanceDegraded("warning", model, mae: "0.45", threshold: "0.30");

    /// <summary>Whether the model at <paramref name="index"/> fires a critical after its warning.</summary>
    public static bool FiresCritical(int index, int warningOnly) => index >= warningOnly;

    /// <summary>Posts the storm to every target; returns when the last alert was posted.</summary>
    public static async Task PostAsync(IReadOnlyList<LocalAlertmanager> targets, int warningOnly, CancellationToken cancellationToken)
    {
        var start = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Models).Select(async index =>
        {
            var model = ModelName(index);
            await WaitUntilAsync(start, index * ModelSpacing, cancellationToken);
            await Task.WhenAll(targets.Select(t => t.PostAlertsAsync([Warning(model)], cancellationToken)));
            if (!FiresCritical(index, warningOnly))
            {
                return;
            }

            await WaitUntilAsync(start, (index * ModelSpacing) + CriticalAfterWarning, cancellationToken);
            await Task.WhenAll(targets.Select(t => t.PostAlertsAsync([Critical(model)], cancellationToken)));
        }));
    }

    private static async Task WaitUntilAsync(Stopwatch clock, TimeSpan at, CancellationToken cancellationToken)
    {
        var wait = at - clock.Elapsed;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, cancellationToken);
        }
    }
}
