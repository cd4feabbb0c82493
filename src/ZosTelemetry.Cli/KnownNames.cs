// What a usage error says about a token the CLI does not know (a command, an option, a choice such as a report name):
// never the token itself, which may be a password pasted into the wrong place or a sentence meant for another
// program and would then sit in terminals, shell history tools and CI logs. It names the argument's position and,
// when the token is a near miss of a known name (edit distance), that known name.
namespace ZosTelemetry.Cli;

internal static class KnownNames
{
    /// <summary>
    /// The end of the sentence: "; did you mean 'NAME'?" when the token is close to exactly one nearest known name,
    /// else ".". A suggestion quotes only a name the CLI defines, never the user's text.
    /// </summary>
    public static string Suggestion(string token, IEnumerable<string> known, string prefix = "")
    {
        string? best = Closest(token, known);
        return best is null ? "." : $"; did you mean '{prefix}{best}'?";
    }

    /// <summary>The known name nearest the token, when it is near enough to be a typo of it (and no other is as near).</summary>
    public static string? Closest(string token, IEnumerable<string> known)
    {
        if (token.Length == 0 || token.Length > 64)
        {
            return null;
        }

        string lowered = token.ToLowerInvariant();
        string? best = null;
        int bestDistance = int.MaxValue;
        bool tie = false;
        foreach (string name in known)
        {
            int d = Distance(lowered, name);
            if (d < bestDistance)
            {
                (best, bestDistance, tie) = (name, d, false);
            }
            else if (d == bestDistance && name != best)
            {
                tie = true;
            }
        }

        // One edit for short names, two from five characters on: more would suggest a name for any word at all.
        int allowed = best is null ? 0 : best.Length < 5 ? 1 : 2;
        return best is not null && !tie && bestDistance <= allowed ? best : null;
    }

    /// <summary>"argument 3": where the refused token stands on the command line (1 is the first after the program).</summary>
    public static string Position(int index) => $"argument {index + 1}";

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours.</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (int j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
