// Tells a name from a sentence squeezed into one: a session id or a name of letters joined by '-' or '_' can still
// spell "please-fix-the-login-bug-now". A value is prose-like when it has more word-like parts than a name needs, or
// a run of letters longer than any word of a name. Hex digests and uuids never count: a word-like part must hold a
// vowel and a letter outside a-f.
namespace ZosTelemetry.Events;

public static class ProseShape
{
    /// <summary>A value with this many word-like parts or more reads as a sentence.</summary>
    public const int MaxWordLikeParts = 3;

    /// <summary>The longest run of letters a name may have (a word of a name is shorter; "pleasefixtheloginbug" is not).</summary>
    public const int MaxLetterRun = 24;

    /// <summary>Model ids are longer names ("accounts/fireworks/models/llama-v3p1-405b-instruct"): this many parts.</summary>
    public const int MaxModelWordLikeParts = 5;

    /// <summary>The reason a value reads as prose ("" when it does not), never quoting the value.</summary>
    public static string Why(string value, int maxWordLikeParts = MaxWordLikeParts)
    {
        int run = 0, longest = 0, words = 0, partStart = -1;
        for (int i = 0; i <= value.Length; i++)
        {
            char c = i < value.Length ? value[i] : ' ';
            bool letter = char.IsAsciiLetter(c);
            // A camel-case capital starts a new word: "PleaseFixTheBug" has four.
            bool boundary = !letter || (i > 0 && char.IsAsciiLetterUpper(c) && char.IsAsciiLetterLower(value[i - 1]));
            if (boundary && partStart >= 0)
            {
                words += IsWordLike(value.AsSpan(partStart, i - partStart)) ? 1 : 0;
                partStart = -1;
            }

            if (letter)
            {
                partStart = partStart < 0 ? i : partStart;
                run++;
                longest = Math.Max(longest, run);
            }
            else
            {
                run = 0;
            }
        }

        if (longest > MaxLetterRun)
        {
            return $"it has a run of {longest} letters, longer than a name's words ({MaxLetterRun})";
        }

        return words > maxWordLikeParts ? $"its {words} word-like parts read as a sentence (a name has at most {maxWordLikeParts})" : "";
    }

    private static bool IsWordLike(ReadOnlySpan<char> part)
    {
        if (part.Length < 3)
        {
            return false;
        }

        bool vowel = false, beyondHex = false;
        foreach (char c in part)
        {
            char l = char.ToLowerInvariant(c);
            vowel |= l is 'a' or 'e' or 'i' or 'o' or 'u' or 'y';
            beyondHex |= l > 'f';
        }

        return vowel && beyondHex;
    }
}
