// System names as users type them. The store keeps each name as its writer spelled it and its scans compare bytes;
// a name given to a filter is first matched against the names the store knows: the exact spelling wins, else the one
// name that equals it ignoring case ("CODEX" finds "codex", as PowerShell users expect and as tab completion offers).
// A name that matches nothing is kept as given, and the command warns, naming the systems that exist.
namespace ZosTelemetry.Store;

public static class SystemNames
{
    /// <summary>The stored spelling of <paramref name="name"/>: exact, else the single case-insensitive match; null when none.</summary>
    public static string? Match(IReadOnlyList<string> known, string name)
    {
        if (known.Contains(name, StringComparer.Ordinal))
        {
            return name;
        }

        var matches = known.Where(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase)).ToList();
        return matches.Count == 1 ? matches[0] : null;
    }

    /// <summary>The warning for a name that matches no system of the store.</summary>
    public static string NotFound(string name, IReadOnlyList<string> known) => known.Count == 0
        ? $"No system {Events.EventValidator.ShowName(name)}: the store has no sessions or recent events yet."
        : $"No system {Events.EventValidator.ShowName(name)} in the store; its systems are: {string.Join(", ", known)}.";
}
