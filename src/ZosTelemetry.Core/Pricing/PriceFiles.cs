// The price table in effect for a command: the shipped table, then the user's $ZOS_HOME/prices.json (or
// ~/.zos/prices.json when ZOS_HOME is not set) when it exists, then an explicit --prices/-PriceFile. Later files win
// model by model; an explicit file that cannot be read is an error, never silently skipped.
using ZosTelemetry.Store;

namespace ZosTelemetry.Pricing;

public static class PriceFiles
{
    public const string FileName = "prices.json";

    /// <summary>The user's own price file: $ZOS_HOME/prices.json, else ~/.zos/prices.json; null when no home can be found.</summary>
    public static string? UserFile()
    {
        string? zosHome = Environment.GetEnvironmentVariable(StoreRoot.HomeVariable);
        if (!string.IsNullOrWhiteSpace(zosHome))
        {
            return Path.GetFullPath(Path.Combine(zosHome, FileName));
        }

        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".zos", FileName);
    }

    /// <summary>The shipped table overridden by the user's file (when present) and then by explicitFile (when given).</summary>
    public static PriceTable Load(string? explicitFile = null)
    {
        var table = PriceTable.Default;
        string? user = UserFile();
        if (user is not null && File.Exists(user))
        {
            table = table.OverriddenBy(PriceTable.Load(user));
        }

        if (!string.IsNullOrWhiteSpace(explicitFile))
        {
            table = table.OverriddenBy(PriceTable.Load(Path.GetFullPath(explicitFile)));
        }

        return table;
    }

    /// <summary>A cost resolver over <see cref="Load"/>.</summary>
    public static CostResolver Resolver(string? explicitFile = null) => new(Load(explicitFile));
}
