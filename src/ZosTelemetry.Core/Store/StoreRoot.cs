// Where the store lives: an explicit root, else $ZOS_HOME/telemetry, else ~/.zos/telemetry (on Windows
// %USERPROFILE%\.zos\telemetry). Resolving never creates anything; writers create the directory lazily. A root
// that is an existing file is refused here, once, for every reader and writer: otherwise readers find nothing and
// say nothing, and a writer fails on every row.
namespace ZosTelemetry.Store;

public static class StoreRoot
{
    public const string HomeVariable = "ZOS_HOME";

    public static string Resolve(string? explicitRoot = null)
    {
        if (!string.IsNullOrWhiteSpace(explicitRoot))
        {
            return NotAFile(Path.GetFullPath(explicitRoot));
        }

        string? zosHome = Environment.GetEnvironmentVariable(HomeVariable);
        if (!string.IsNullOrWhiteSpace(zosHome))
        {
            return NotAFile(Path.GetFullPath(Path.Combine(zosHome, "telemetry")));
        }

        string home = HomeDirectory();
        if (string.IsNullOrEmpty(home))
        {
            throw new StoreException($"Cannot resolve the store: no home directory, no ${HomeVariable} and no explicit root were given.");
        }

        return NotAFile(Path.Combine(home, ".zos", "telemetry"));
    }

    private static string NotAFile(string root) =>
        File.Exists(root) ? throw new StoreException($"The store root {root} is a file, not a directory.") : root;

    /// <summary>
    /// The user's home: on Windows %USERPROFILE% as the environment says (what a user sees and can redirect, as $HOME
    /// is on Unix), else the profile folder Windows knows; on Unix $HOME, which .NET reads for the user profile.
    /// </summary>
    internal static string HomeDirectory()
    {
        if (OperatingSystem.IsWindows())
        {
            string? profile = Environment.GetEnvironmentVariable("USERPROFILE");
            if (!string.IsNullOrWhiteSpace(profile))
            {
                return profile;
            }
        }

        return Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
    }
}
