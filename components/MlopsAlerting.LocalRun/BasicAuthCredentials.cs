namespace MlopsAlerting.LocalRun;

/// <summary>User name and password sent as HTTP basic authentication on API calls, for a server run with a web config.</summary>
/// <param name="Username">The user name.</param>
/// <param name="Password">The plain-text password (the web config holds its bcrypt hash).</param>
public sealed record BasicAuthCredentials(string Username, string Password)
{
    /// <summary>Hides the password.</summary>
    public override string ToString() => $"{nameof(BasicAuthCredentials)} {{ Username = {Username}, Password = *** }}";
}
