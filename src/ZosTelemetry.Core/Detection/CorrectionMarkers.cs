// The correction detector's marker vocabulary, as a pattern the detector owns: corr.<strength>.<n> or
// corr.<strength>.<lang>.<n> (strength strong, weak or opener; lang two lower-case letters; n 1 to 999). The store
// accepts a corr.* marker only in this form, whoever writes it (the detector, --marker, an importer), and
// schemas/index.json points here rather than copying the list. A rule with a new kind of name extends this pattern
// (CorrectionMarkersTests fails, naming the marker, until it does).
namespace ZosTelemetry.Detection;

public static class CorrectionMarkers
{
    public const string Prefix = "corr.";

    /// <summary>The strengths a rule can have, in the order the detector tries them.</summary>
    public static IReadOnlyList<string> Strengths => StrengthNames;

    private static readonly string[] StrengthNames = ["strong", "weak", "opener"];

    /// <summary>The pattern in words, for messages and the registry.</summary>
    public const string Pattern = "corr.<strength>[.<lang>].<n> (strength strong, weak or opener)";

    /// <summary>The same pattern as a regular expression (for the JSON Schemas and documentation; IsMarker is the check).</summary>
    public const string Regex = "^corr\\.(strong|weak|opener)(\\.[a-z]{2})?\\.[1-9][0-9]{0,2}$";

    public static bool IsMarker(string marker)
    {
        if (!marker.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        string[] parts = marker[Prefix.Length..].Split('.');
        if (parts.Length is < 2 or > 3 || Array.IndexOf(StrengthNames, parts[0]) < 0)
        {
            return false;
        }

        if (parts.Length == 3 && !(parts[1].Length == 2 && char.IsAsciiLetterLower(parts[1][0]) && char.IsAsciiLetterLower(parts[1][1])))
        {
            return false;
        }

        string n = parts[^1];
        if (n.Length is < 1 or > 3 || n[0] == '0')
        {
            return false;
        }

        foreach (char c in n)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
