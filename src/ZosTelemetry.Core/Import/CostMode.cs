// How an imported event's cost is decided, as in ccusage: the cost the log recorded, one computed from tokens, or either.
namespace ZosTelemetry.Import;

public enum CostMode
{
    /// <summary>The log's own cost where it has one (Claude Code's costUSD), otherwise tokens × the price table.</summary>
    Auto,

    /// <summary>Always tokens × the price table, ignoring any cost in the log.</summary>
    Calculate,

    /// <summary>Only the cost the log recorded; events without one have an unknown cost.</summary>
    Display,
}

public static class CostModes
{
    public static bool TryParse(string? text, out CostMode mode)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "auto":
                mode = CostMode.Auto;
                return true;
            case "calculate":
                mode = CostMode.Calculate;
                return true;
            case "display":
                mode = CostMode.Display;
                return true;
            default:
                mode = default;
                return false;
        }
    }
}
