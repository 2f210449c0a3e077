namespace MlopsAlerting.Chain.Tests;

/// <summary>Waiting for a condition on real processes, as the chain harnesses do it: polled every 200 ms.</summary>
internal static class Polling
{
    /// <summary>Polls <paramref name="condition"/> until it holds; throws with <paramref name="what"/> and <paramref name="describe"/>'s account after <paramref name="timeout"/>.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, Func<string> describe, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what}: not within {timeout}.{Environment.NewLine}{describe()}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }
    }
}
