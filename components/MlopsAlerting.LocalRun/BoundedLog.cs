namespace MlopsAlerting.LocalRun;

/// <summary>A thread-safe, in-memory log that keeps only the most recent lines.</summary>
internal sealed class BoundedLog(int capacity)
{
    private readonly Queue<string> _lines = new();
    private readonly Lock _gate = new();
    private long _dropped;

    public void Append(string line)
    {
        lock (_gate)
        {
            _lines.Enqueue(line);
            while (_lines.Count > Math.Max(1, capacity))
            {
                _lines.Dequeue();
                _dropped++;
            }
        }
    }

    public IReadOnlyList<string> Lines()
    {
        lock (_gate)
        {
            return [.. _lines];
        }
    }

    public override string ToString()
    {
        lock (_gate)
        {
            var text = string.Join(Environment.NewLine, _lines);
            return _dropped == 0 ? text : $"({_dropped} earlier line(s) dropped){Environment.NewLine}{text}";
        }
    }
}
