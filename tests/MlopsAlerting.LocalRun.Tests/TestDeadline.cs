namespace MlopsAlerting.LocalRun.Tests;

/// <summary>A cancellation source bounded in time and linked to the test's own cancellation.</summary>
internal static class TestDeadline
{
    public static CancellationTokenSource After(TimeSpan timeout, CancellationToken testCancellation)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(testCancellation);
        source.CancelAfter(timeout);
        return source;
    }
}
