using System.Runtime.InteropServices;

namespace MlopsAlerting.LocalRun;

/// <summary>
/// bcrypt hashes for a local web config, from the C library's <c>crypt</c> (libxcrypt, as on Debian and Ubuntu),
/// with the cost Pulumi.Random's <c>bcrypt_hash</c> uses (Go's default, 10).
/// </summary>
internal static partial class BcryptHash
{
    private const int Cost = 10;

    // crypt and crypt_gensalt return static buffers: one caller at a time.
    private static readonly Lock Gate = new();

    /// <summary>A <c>$2b$</c> hash of <paramref name="password"/> with a random salt.</summary>
    /// <exception cref="PlatformNotSupportedException">The C library here cannot make bcrypt hashes.</exception>
    public static string Of(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("bcrypt hashes need libcrypt (Linux).");
        }

        string? hash;
        lock (Gate)
        {
            var salt = Marshal.PtrToStringAnsi(GenerateSalt("$2b$", Cost, IntPtr.Zero, 0));
            hash = salt is null ? null : Marshal.PtrToStringAnsi(Crypt(password, salt));
        }

        return hash is not null && hash.StartsWith("$2b$", StringComparison.Ordinal)
            ? hash
            : throw new PlatformNotSupportedException("libcrypt did not make a bcrypt hash; install libxcrypt (libcrypt1).");
    }

    [DllImport("libcrypt.so.1", EntryPoint = "crypt_gensalt", BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern IntPtr GenerateSalt([MarshalAs(UnmanagedType.LPStr)] string prefix, ulong count, IntPtr randomBytes, int randomByteCount);

    [DllImport("libcrypt.so.1", EntryPoint = "crypt", BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern IntPtr Crypt([MarshalAs(UnmanagedType.LPStr)] string phrase, [MarshalAs(UnmanagedType.LPStr)] string setting);
}
