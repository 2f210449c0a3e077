using System.Runtime.ExceptionServices;
using Xunit.Sdk;

namespace MlopsAlerting.Chain.Tests;

/// <summary>One self-watch stack per test class: its tests share the processes, each healing what it broke.</summary>
public abstract class SelfWatchFixture(int replicas) : IAsyncLifetime
{
    private SelfWatchStack? _stack;

    // xunit reports a skip thrown by a class fixture as a failure of every test, and one thrown by a test class's
    // constructor as a skip: so a binary too old or missing (outside CI=true) is kept here and thrown again there.
    private SkipException? _skip;

    internal SelfWatchStack Stack
    {
        get
        {
            if (_skip is not null)
            {
                ExceptionDispatchInfo.Throw(_skip);
            }

            return _stack!;
        }
    }

    public async ValueTask InitializeAsync()
    {
        try
        {
            _stack = await SelfWatchStack.StartAsync(replicas, TestContext.Current.CancellationToken);
        }
        catch (SkipException skip)
        {
            _skip = skip;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_stack is not null)
        {
            await _stack.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>One replica.</summary>
public sealed class OneReplicaSelfWatchFixture() : SelfWatchFixture(1);

/// <summary>Three gossiping replicas.</summary>
public sealed class ThreeReplicaSelfWatchFixture() : SelfWatchFixture(3);
