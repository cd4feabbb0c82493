// -PriceFile: the prices in effect for a command (the shipped table, $ZOS_HOME/prices.json, then this file). A file
// that cannot be read or is not a valid price table stops the command with the stable error id InvalidPriceFile.
using System.Management.Automation;
using ZosTelemetry.Pricing;

namespace ZosTelemetry.PowerShell.Binding;

internal static class PriceFileOption
{
    public const string ErrorId = "InvalidPriceFile";

    /// <summary>Loads the prices; resolvedPath is -PriceFile already resolved against PowerShell's location (or null).</summary>
    public static bool TryLoad(string? resolvedPath, out CostResolver costs, out ErrorRecord? error)
    {
        try
        {
            costs = PriceFiles.Resolver(resolvedPath);
            error = null;
            return true;
        }
        catch (PriceTableException ex)
        {
            costs = null!;
            error = new ErrorRecord(ex, ErrorId, ErrorCategory.InvalidData, resolvedPath);
            return false;
        }
    }
}
