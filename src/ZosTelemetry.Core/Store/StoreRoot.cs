// Where the store lives: an explicit root, else $ZOS_HOME/telemetry, else ~/.zos/telemetry.
// Resolving never creates anything; writers create the directory lazily.
namespace ZosTelemetry.Store;

public static class StoreRoot
{
    public const string HomeVariable = "ZOS_HOME";

    public static string Resolve(string? explicitRoot = null)
    {
        if (!string.IsNullOrWhiteSpace(explicitRoot))
        {
            return Path.GetFullPath(explicitRoot);
        }

        string? zosHome = Environment.GetEnvironmentVariable(HomeVariable);
        if (!string.IsNullOrWhiteSpace(zosHome))
        {
            return Path.GetFullPath(Path.Combine(zosHome, "telemetry"));
        }

        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (string.IsNullOrEmpty(home))
        {
            throw new StoreException($"Cannot resolve the store: no home directory, no ${HomeVariable} and no explicit root were given.");
        }

        return Path.Combine(home, ".zos", "telemetry");
    }
}
