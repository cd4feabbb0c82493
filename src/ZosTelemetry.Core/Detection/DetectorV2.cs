// The correction detector's version 2: the phrase rules of CorrectionRules (English and seven more languages) over
// one folded, tokenised pass of the message. Every rule's first words go into one index keyed by a token's first
// three characters, so a message costs one lookup per token; only the rules whose first word is present are tried,
// and only a rule that matched looks at its evidence and vetoes. A self-blame phrase ("my bad", "mein Fehler")
// silences the whole message, as in version 1.
namespace ZosTelemetry.Detection;

internal static class DetectorV2
{
    private static readonly PhraseRule[] Rules = CorrectionRules.Build();
    private static readonly Phrase[] SelfBlame = CorrectionRules.SelfBlame().Select(Phrase.Compile).ToArray();
    private static readonly Dictionary<ulong, (int Rule, Phrase Phrase)[]> Index = BuildIndex();

    [ThreadStatic]
    private static AnalysedMessage? scratch;

    internal static IReadOnlyList<PhraseRule> AllRules => Rules;

    /// <summary>The rules' markers for one message, and (when asked) its fingerprint for the repeat signal.</summary>
    public static IReadOnlyList<string> Detect(string text, TurnFingerprint? previous, out TurnFingerprint? fingerprint, bool wantFingerprint, ulong salt)
    {
        var m = scratch ??= new AnalysedMessage();
        m.Load(text);
        fingerprint = wantFingerprint ? TurnFingerprint.Of(m, salt) : null;
        List<string>? markers = null;
        int count = m.TokenCount;
        for (int i = 0; i < count; i++)
        {
            if (!Index.TryGetValue(m.KeyOf(i), out var candidates))
            {
                continue;
            }

            foreach (var (ruleIndex, phrase) in candidates)
            {
                var rule = Rules[ruleIndex];
                if (markers is not null && markers.Contains(rule.Marker))
                {
                    continue;
                }

                if (m.MatchesAt(phrase, i) && (rule.AlsoInQuestions || !m.IsQuestion(m.SentenceOf(i))) && Confirmed(m, rule))
                {
                    (markers ??= new List<string>(2)).Add(rule.Marker);
                }
            }
        }

        if (previous is not null && fingerprint is not null && fingerprint.Repeats(previous))
        {
            (markers ??= new List<string>(1)).Add(CorrectionMarkers.Repeat);
        }

        if (markers is null || SelfBlame.Any(m.MatchesAnywhere))
        {
            return Array.Empty<string>();
        }

        return markers.ToArray();
    }

    private static bool Confirmed(AnalysedMessage m, PhraseRule rule) =>
        (rule.Requires is null || rule.Requires.Any(m.MatchesAnywhere))
        && (rule.Unless is null || !rule.Unless.Any(m.MatchesAnywhere));

    private static Dictionary<ulong, (int, Phrase)[]> BuildIndex()
    {
        var index = new Dictionary<ulong, List<(int, Phrase)>>();
        for (int r = 0; r < Rules.Length; r++)
        {
            foreach (var phrase in Rules[r].Phrases)
            {
                foreach (var alt in phrase.Slots[0].Alternatives)
                {
                    ulong key = AnalysedMessage.Key(alt.Tokens[0]);
                    if (!index.TryGetValue(key, out var list))
                    {
                        index[key] = list = [];
                    }

                    if (!list.Contains((r, phrase)))
                    {
                        list.Add((r, phrase));
                    }
                }
            }
        }

        return index.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
    }
}
