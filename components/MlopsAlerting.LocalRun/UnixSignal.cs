using System.Runtime.InteropServices;

namespace MlopsAlerting.LocalRun;

/// <summary>Sends POSIX signals to processes.</summary>
internal static partial class UnixSignal
{
    private const int SigTerm = 15;

    /// <summary>Sends SIGTERM; returns false where that is not possible (Windows, or the process is gone).</summary>
    public static bool TryTerminate(int processId) =>
        !OperatingSystem.IsWindows() && Kill(processId, SigTerm) == 0;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
