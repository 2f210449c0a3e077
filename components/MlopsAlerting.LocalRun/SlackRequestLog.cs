namespace MlopsAlerting.LocalRun;

/// <summary>
/// Every request <see cref="SlackStandIn"/> received, with its answer, in arrival order; and the wait for the delivered
/// ones a test expects, woken by each new request rather than polling. Thread-safe.
/// </summary>
internal sealed class SlackRequestLog
{
    private readonly Lock _gate = new();
    private readonly List<SlackRequest> _requests = [];
    private TaskCompletionSource _changed = NewSignal();

    /// <summary>Every request (a snapshot).</summary>
    public SlackRequest[] All()
    {
        lock (_gate)
        {
            return _requests.ToArray();
        }
    }

    /// <summary>The requests answered 2xx (and, for the Web API, <c>ok</c>) (a snapshot).</summary>
    public SlackRequest[] Delivered()
    {
        lock (_gate)
        {
            return _requests.Where(request => request.IsDelivered).ToArray();
        }
    }

    /// <summary>Appends <paramref name="request"/> and wakes every wait.</summary>
    public void Add(SlackRequest request)
    {
        lock (_gate)
        {
            _requests.Add(request);
            var changed = _changed;
            _changed = NewSignal();
            changed.SetResult();
        }
    }

    /// <summary>Forgets every request.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _requests.Clear();
        }
    }

    /// <summary>See <see cref="SlackStandIn.WaitForDeliveredAsync"/>.</summary>
    public async Task<IReadOnlyList<SlackRequest>> WaitForDeliveredAsync(
        Func<SlackRequest, bool> predicate,
        int count,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            Task changed;
            SlackRequest[] all;
            lock (_gate)
            {
                var matching = _requests.Where(request => request.IsDelivered && predicate(request)).ToArray();
                if (matching.Length >= count)
                {
                    return matching;
                }

                changed = _changed.Task;
                all = [.. _requests];
            }

            try
            {
                await changed.WaitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                var received = all.Length == 0 ? "  (none)" : string.Join(Environment.NewLine, all.Select(r => "  " + r));
                throw new TimeoutException(
                    $"Expected {count} matching delivered Slack request(s) within {timeout.TotalSeconds:F1}s; received {all.Length}:{Environment.NewLine}{received}");
            }
        }
    }

    // Continuations run asynchronously so that a woken wait never runs inside Add, under the lock.
    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
