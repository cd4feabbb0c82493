// One message folded and cut into tokens, in buffers that are reused from message to message (one instance per
// thread), so detecting allocates nothing but the markers it returns. Tokens are runs of letters and digits; each
// Chinese or Japanese character is a token of its own; code spans (`...`) are skipped so quoted errors cannot fire a
// rule. Each token knows its sentence, and each sentence whether it ended with a question mark.
namespace ZosTelemetry.Detection;

internal sealed class AnalysedMessage
{
    private char[] text = new char[CorrectionDetector.MaxAnalysedChars * 2 + 8];
    private int[] starts = new int[256];
    private int[] lengths = new int[256];
    private int[] sentences = new int[256];
    private ulong[] keys = new ulong[256];
    private bool[] questions = new bool[64];

    public int TokenCount { get; private set; }

    public int SentenceCount { get; private set; }

    public ReadOnlySpan<char> TokenText(int i) => text.AsSpan(starts[i], lengths[i]);

    public int SentenceOf(int i) => sentences[i];

    public ulong KeyOf(int i) => keys[i];

    public bool IsQuestion(int sentence) => questions[sentence];

    public bool StartsSentence(int i) => i == 0 || sentences[i - 1] != sentences[i];

    public bool EndsSentence(int i) => i == TokenCount - 1 || sentences[i + 1] != sentences[i];

    /// <summary>The index key of a token: its length up to 3 and its first three characters.</summary>
    public static ulong Key(ReadOnlySpan<char> token)
    {
        int n = Math.Min(token.Length, 3);
        ulong k = (ulong)n << 48;
        for (int i = 0; i < n; i++)
        {
            k |= (ulong)token[i] << (32 - (16 * i));
        }

        return k;
    }

    public void Load(string message)
    {
        var source = message.AsSpan(0, Math.Min(message.Length, CorrectionDetector.MaxAnalysedChars));
        TokenCount = 0;
        SentenceCount = 0;
        int w = 0, sentence = 0, tokenStart = -1;
        bool inCode = false, sentenceHasTokens = false;
        questions[0] = false;
        Span<char> folded = stackalloc char[2];
        for (int r = 0; r < source.Length; r++)
        {
            char raw = source[r];
            if (raw == '`')
            {
                inCode = !inCode;
                EndToken(ref tokenStart, w, sentence);
                continue;
            }

            if (inCode)
            {
                continue;
            }

            if (raw is '\uFF9E' or '\uFF9F' && TokenCount > 0 && lengths[TokenCount - 1] == 1 && starts[TokenCount - 1] == w - 1)
            {
                // A half-width sound mark joins the kana before it (ﾌﾟ = プ), which is already a token of its own.
                char composed = TextFolding.Voice(text[w - 1], raw == '\uFF9F');
                text[w - 1] = composed;
                keys[TokenCount - 1] = Key(text.AsSpan(w - 1, 1));
                continue;
            }

            int n = TextFolding.Fold(raw, folded);
            for (int j = 0; j < n; j++)
            {
                char c = folded[j];
                if (TextFolding.IsCjk(c))
                {
                    EndToken(ref tokenStart, w, sentence);
                    text[w] = c;
                    AddToken(w, 1, sentence);
                    w++;
                    sentenceHasTokens = true;
                }
                else if (TextFolding.IsWordChar(c))
                {
                    if (tokenStart < 0)
                    {
                        tokenStart = w;
                    }

                    text[w++] = c;
                    sentenceHasTokens = true;
                }
                else if (c == '\'' && tokenStart >= 0 && r + 1 < source.Length && char.IsLetter(source[r + 1]))
                {
                    // Inside a word: don't = dont, c'est = cest, so the apostrophe users often skip never matters.
                }
                else
                {
                    EndToken(ref tokenStart, w, sentence);
                    if (TextFolding.IsSentenceEnd(c))
                    {
                        if (c == '?')
                        {
                            questions[sentence] = true;
                        }

                        if (sentenceHasTokens)
                        {
                            sentence++;
                            EnsureSentences(sentence);
                            questions[sentence] = false;
                            sentenceHasTokens = false;
                        }
                        else if (c == '?' && sentence > 0 && !sentenceHasTokens)
                        {
                            questions[sentence - 1] = true; // "again!?" and "again?!" alike
                        }
                    }
                }
            }
        }

        EndToken(ref tokenStart, w, sentence);
        SentenceCount = sentenceHasTokens ? sentence + 1 : sentence;
    }

    private void EndToken(ref int tokenStart, int w, int sentence)
    {
        if (tokenStart >= 0)
        {
            AddToken(tokenStart, w - tokenStart, sentence);
            tokenStart = -1;
        }
    }

    private void AddToken(int start, int length, int sentence)
    {
        if (TokenCount == starts.Length)
        {
            Array.Resize(ref starts, starts.Length * 2);
            Array.Resize(ref lengths, lengths.Length * 2);
            Array.Resize(ref sentences, sentences.Length * 2);
            Array.Resize(ref keys, keys.Length * 2);
        }

        starts[TokenCount] = start;
        lengths[TokenCount] = length;
        sentences[TokenCount] = sentence;
        keys[TokenCount] = Key(text.AsSpan(start, length));
        TokenCount++;
    }

    private void EnsureSentences(int sentence)
    {
        if (sentence >= questions.Length)
        {
            Array.Resize(ref questions, questions.Length * 2);
        }
    }

    /// <summary>Whether the phrase matches with its first token at position i.</summary>
    public bool MatchesAt(Phrase p, int i)
    {
        if ((p.AtSentenceStart && !StartsSentence(i)) || (p.AtMessageStart && i != 0))
        {
            return false;
        }

        return MatchSlot(p, 0, i, sentences[i]);
    }

    /// <summary>Whether the phrase matches anywhere (used for a rule's evidence and vetoes, only once a rule has fired).</summary>
    public bool MatchesAnywhere(Phrase p)
    {
        for (int i = 0; i < TokenCount; i++)
        {
            if (MatchesAt(p, i))
            {
                return true;
            }
        }

        return false;
    }

    private bool MatchSlot(Phrase p, int slot, int pos, int sentence)
    {
        if (slot == p.Slots.Length)
        {
            return p.AtMessageEnd ? pos == TokenCount : !p.AtSentenceEnd || pos == TokenCount || sentences[pos] != sentence;
        }

        var s = p.Slots[slot];
        if (s.Gap > 0)
        {
            for (int skip = 0; skip <= s.Gap; skip++)
            {
                int at = pos + skip;
                if (skip > 0 && (at > TokenCount || sentences[at - 1] != sentence))
                {
                    return false;
                }

                if (MatchSlot(p, slot + 1, at, sentence))
                {
                    return true;
                }
            }

            return false;
        }

        foreach (var alt in s.Alternatives)
        {
            int end = MatchAlternative(alt, pos, sentence);
            if (end >= 0 && MatchSlot(p, slot + 1, end, sentence))
            {
                return true;
            }
        }

        return false;
    }

    private int MatchAlternative(Alternative alt, int pos, int sentence)
    {
        var tokens = alt.Tokens;
        if (pos + tokens.Length > TokenCount)
        {
            return -1;
        }

        for (int k = 0; k < tokens.Length; k++)
        {
            int t = pos + k;
            if (sentences[t] != sentence)
            {
                return -1;
            }

            var have = TokenText(t);
            bool prefix = alt.LastIsPrefix && k == tokens.Length - 1;
            if (prefix ? !have.StartsWith(tokens[k], StringComparison.Ordinal) : !have.SequenceEqual(tokens[k]))
            {
                return -1;
            }
        }

        return pos + tokens.Length;
    }
}
