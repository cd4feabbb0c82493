// A rule of detector version 2: phrases over folded tokens, compiled once. The notation (see CorrectionRules):
//   words separated by spaces are consecutive tokens; "a|b|c" is a choice of one; "-" in a choice matches nothing
//   (an optional word); "stem~" matches any token that starts with stem (at least three letters, for inflected
//   languages); "*N" skips up to N tokens of the same sentence; a leading "^" ties the phrase to the start of a
//   sentence, a trailing "$" to its end ("^^" and "$$": to the start and end of the whole message). A choice may be several tokens ("as i said"), and Chinese or Japanese text
//   is one token per character, so "不对" is two tokens in a row. Rules are plain data: no regular expressions, no
//   backtracking beyond the few choices and gaps of one phrase, so matching is linear in the message.
namespace ZosTelemetry.Detection;

internal enum RuleKind
{
    Strong,
    Weak,
    Opener,
}

internal sealed class PhraseRule
{
    public PhraseRule(string language, RuleKind kind, string description, string[] phrases, string[]? requires = null, string[]? unless = null, bool alsoInQuestions = false)
    {
        Language = language;
        Kind = kind;
        Description = description;
        Phrases = phrases.Select(Phrase.Compile).ToArray();
        Requires = requires?.Select(Phrase.Compile).ToArray();
        Unless = unless?.Select(Phrase.Compile).ToArray();
        AlsoInQuestions = alsoInQuestions;
    }

    public string Language { get; }

    public RuleKind Kind { get; }

    public string Description { get; }

    /// <summary>Set when the rule set is numbered: corr.{kind}.{language}.{n}.</summary>
    public string Marker { get; set; } = "";

    public Phrase[] Phrases { get; }

    /// <summary>When set, one of these must also match somewhere in the message (an opener needs evidence).</summary>
    public Phrase[]? Requires { get; }

    /// <summary>When one of these matches anywhere, the rule stays quiet ("no worries", "not bad").</summary>
    public Phrase[]? Unless { get; }

    /// <summary>Most rules stay quiet in a sentence that ends with a question mark ("is it still failing?").</summary>
    public bool AlsoInQuestions { get; }
}

internal sealed class Phrase
{
    private Phrase(Slot[] slots, bool atStart, bool atEnd)
    {
        Slots = slots;
        AtSentenceStart = atStart;
        AtSentenceEnd = atEnd;
    }

    public Slot[] Slots { get; }

    public bool AtSentenceStart { get; }

    public bool AtSentenceEnd { get; }

    /// <summary>"^^": the phrase opens the message (its first sentence).</summary>
    public bool AtMessageStart { get; private init; }

    /// <summary>"$$": the phrase closes the message.</summary>
    public bool AtMessageEnd { get; private init; }

    public static Phrase Compile(string source)
    {
        var parts = source.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        bool wholeStart = parts.Count > 0 && parts[0] == "^^";
        bool atStart = wholeStart || (parts.Count > 0 && parts[0] == "^");
        if (atStart)
        {
            parts.RemoveAt(0);
        }

        bool wholeEnd = parts.Count > 0 && parts[^1] == "$$";
        bool atEnd = wholeEnd || (parts.Count > 0 && parts[^1] == "$");
        if (atEnd)
        {
            parts.RemoveAt(parts.Count - 1);
        }

        var slots = new List<Slot>();
        foreach (string part in parts)
        {
            if (part[0] == '*' && part.Length > 1 && char.IsAsciiDigit(part[1]))
            {
                slots.Add(new Slot([], int.Parse(part.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture)));
                continue;
            }

            var alts = new List<Alternative>();
            foreach (string alt in part.Split('|'))
            {
                if (alt == "-")
                {
                    alts.Add(new Alternative([], false));
                    continue;
                }

                bool prefix = alt.EndsWith('~');
                string[] tokens = Tokenise((prefix ? alt[..^1] : alt).Replace('_', ' '));
                if (tokens.Length == 0 || (prefix && tokens[^1].Length < 3 && !TextFolding.IsCjk(tokens[^1][0])))
                {
                    throw new InvalidOperationException($"Bad phrase '{source}': alternative '{alt}'.");
                }

                alts.Add(new Alternative(tokens, prefix));
            }

            slots.Add(new Slot([.. alts], 0));
        }

        if (slots.Count == 0 || slots[0].Gap > 0 || slots[0].Alternatives.Any(a => a.Tokens.Length == 0))
        {
            throw new InvalidOperationException($"Bad phrase '{source}': it must begin with a word.");
        }

        return new Phrase([.. slots], atStart, atEnd) { AtMessageStart = wholeStart, AtMessageEnd = wholeEnd };
    }

    // One scratch message for every alternative compiled on a thread: an AnalysedMessage holds 17 KB of buffers, and
    // a fresh one per alternative made the detector's first use allocate 68 MB (issue 15).
    [ThreadStatic]
    private static AnalysedMessage? scratch;

    /// <summary>A rule's words through the same folding and tokenising as a message, so both spell alike.</summary>
    private static string[] Tokenise(string text)
    {
        var m = scratch ??= new AnalysedMessage();
        m.Load(text);
        var tokens = new string[m.TokenCount];
        for (int i = 0; i < tokens.Length; i++)
        {
            tokens[i] = m.TokenText(i).ToString();
        }

        return tokens;
    }
}

internal sealed record Slot(Alternative[] Alternatives, int Gap);

internal sealed record Alternative(string[] Tokens, bool LastIsPrefix);
