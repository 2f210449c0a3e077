using System.Diagnostics;
using System.Net;

namespace MlopsAlerting.LocalRun;

/// <summary>
/// A long-running server child process on 127.0.0.1: started with fixed arguments, its stdout and stderr kept in a
/// bounded log, ready once an HTTP probe answers 200, killed on dispose and, as a last resort, on process exit.
/// </summary>
internal sealed class ServerProcess : IDisposable
{
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(50);

    private readonly string _name;
    private readonly string _executable;
    private readonly string _workingDirectory;
    private readonly BoundedLog _log;
    private readonly EventHandler _onProcessExit;
    private readonly Lock _gate = new();
    private Process? _process;

    /// <param name="name">What the server is, for error messages (e.g. <c>Alertmanager</c>).</param>
    /// <param name="executable">The binary.</param>
    /// <param name="workingDirectory">Its working directory.</param>
    /// <param name="maxLogLines">How many recent lines of output to keep.</param>
    public ServerProcess(string name, string executable, string workingDirectory, int maxLogLines)
    {
        _name = name;
        _executable = executable;
        _workingDirectory = workingDirectory;
        _log = new BoundedLog(maxLogLines);
        _onProcessExit = (_, _) => KillNow();
        AppDomain.CurrentDomain.ProcessExit += _onProcessExit;
    }

    /// <summary>The arguments of the last launch.</summary>
    public IReadOnlyList<string> Arguments { get; private set; } = [];

    /// <summary>The process id of the current (or last) process.</summary>
    public int ProcessId { get; private set; }

    /// <summary>Whether the process runs.</summary>
    public bool IsRunning => Current() is not null;

    /// <summary>The recent output, joined by newlines.</summary>
    public string Logs => _log.ToString();

    /// <summary>The recent output lines.</summary>
    public IReadOnlyList<string> LogLines => _log.Lines();

    /// <summary>Adds a line of the harness's own to the log (e.g. a restart marker).</summary>
    public void Note(string line) => _log.Append(line);

    /// <summary>Starts the process and waits until <c>GET <paramref name="readyUrl"/></c> through <paramref name="http"/> answers 200.</summary>
    /// <exception cref="InvalidOperationException">The process exited during start (the message holds its log).</exception>
    /// <exception cref="TimeoutException">Not ready within <paramref name="readyTimeout"/> (the message holds its log).</exception>
    public async Task LaunchAsync(IReadOnlyList<string> arguments, HttpClient http, string readyUrl, TimeSpan readyTimeout, CancellationToken cancellationToken)
    {
        Arguments = arguments;
        var startInfo = new ProcessStartInfo(_executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            WorkingDirectory = _workingDirectory,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // Loopback only: never send the server's own traffic through a proxy.
        startInfo.Environment["NO_PROXY"] = "127.0.0.1,localhost";
        startInfo.Environment["no_proxy"] = "127.0.0.1,localhost";

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, line) => Append(line.Data);
        process.ErrorDataReceived += (_, line) => Append(line.Data);
        lock (_gate)
        {
            _process?.Dispose();
            _process = process;
            process.Start();
            ProcessId = process.Id;
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await WaitUntilReadyAsync(process, http, readyUrl, readyTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            KillNow();
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Kills the process with SIGKILL and waits for it to exit.</summary>
    public async Task KillAsync(CancellationToken cancellationToken)
    {
        var process = Current();
        if (process is null)
        {
            return;
        }

        KillNow();
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops the process with SIGTERM, killing it after <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace, CancellationToken cancellationToken)
    {
        var process = Current();
        if (process is null)
        {
            return;
        }

        if (!UnixSignal.TryTerminate(process.Id))
        {
            KillNow();
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(grace);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            KillNow();
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Kills the process, waits up to 10 s for it to exit and stops watching for process exit.</summary>
    public async Task KillAndForgetAsync()
    {
        Process? process;
        lock (_gate)
        {
            process = _process;
        }

        KillNow();
        if (process is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The kill was sent; do not hang a test run on a zombie.
            }
        }

        Dispose();
    }

    /// <summary>Kills the process and releases it.</summary>
    public void Dispose()
    {
        KillNow();
        AppDomain.CurrentDomain.ProcessExit -= _onProcessExit;
        lock (_gate)
        {
            _process?.Dispose();
            _process = null;
        }
    }

    private async Task WaitUntilReadyAsync(Process process, HttpClient http, string readyUrl, TimeSpan readyTimeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                throw new InvalidOperationException(
                    $"{_name} exited with code {process.ExitCode} during start. Arguments: {string.Join(' ', Arguments)}{Environment.NewLine}{Logs}");
            }

            if (clock.Elapsed > readyTimeout)
            {
                throw new TimeoutException(
                    $"{_name} was not ready on {http.BaseAddress}{readyUrl} within {readyTimeout.TotalSeconds:F0}s. Arguments: {string.Join(' ', Arguments)}{Environment.NewLine}{Logs}");
            }

            using var probeTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            probeTimeout.CancelAfter(TimeSpan.FromSeconds(1));
            try
            {
                using var response = await http.GetAsync(readyUrl, probeTimeout.Token).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // Not listening yet.
            }

            await Task.Delay(ProbeInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private Process? Current()
    {
        lock (_gate)
        {
            return _process is { HasExited: false } ? _process : null;
        }
    }

    private void KillNow()
    {
        lock (_gate)
        {
            try
            {
                if (_process is { HasExited: false } process)
                {
                    process.Kill(entireProcessTree: false);
                }
            }
            catch (Exception exception) when (exception is InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Already gone.
            }
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            _log.Append(line);
        }
    }
}
