namespace MlopsAlerting.Chain.Tests;

/// <summary>One self-watch stack per test class: its tests share the processes, each healing what it broke.</summary>
public abstract class SelfWatchFixture(int replicas) : IAsyncLifetime
{
    internal SelfWatchStack Stack { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Stack = await SelfWatchStack.StartAsync(replicas, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Stack is not null)
        {
            await Stack.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>One replica.</summary>
public sealed class OneReplicaSelfWatchFixture() : SelfWatchFixture(1);

/// <summary>Three gossiping replicas.</summary>
public sealed class ThreeReplicaSelfWatchFixture() : SelfWatchFixture(3);
