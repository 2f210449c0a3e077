namespace MlopsAlerting.LocalRun;

/// <summary>Resolves an executable from an environment variable or from the directories of PATH.</summary>
internal static class ExecutableSearch
{
    /// <summary>
    /// Returns the file named by <paramref name="environmentVariable"/> when it is set (or null when that file does not exist),
    /// otherwise the first of <paramref name="names"/> found as an executable file on PATH.
    /// </summary>
    public static string? Find(string environmentVariable, params ReadOnlySpan<string> names)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(environmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return IsExecutableFile(fromEnvironment) ? Path.GetFullPath(fromEnvironment) : null;
        }

        var directories = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var name in names)
        {
            foreach (var directory in directories)
            {
                var candidate = Path.Combine(directory, name);
                if (IsExecutableFile(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static bool IsExecutableFile(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        const UnixFileMode AnyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return (File.GetUnixFileMode(path) & AnyExecute) != 0;
    }
}
