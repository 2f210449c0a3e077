using Pulumi;

namespace MlopsAlerting.Infra.Tests;

/// <summary>Reads the value of an output in a test.</summary>
internal static class OutputValue
{
    public static Task<T> Of<T>(Output<T> output)
    {
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        output.Apply(v =>
        {
            result.TrySetResult(v);
            return v;
        });
        return result.Task;
    }
}
