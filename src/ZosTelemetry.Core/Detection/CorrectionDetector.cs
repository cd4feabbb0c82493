// The correction detector (version 1): does a user turn read as the user correcting or redirecting the assistant?
// Precision first: a rule fires only on phrasings that are corrections in nearly every context, and the
// markers it emits name the rule (corr.strong.N, corr.weak.N, corr.opener.N) so a count can be audited.
// Known limits: English only; heuristic, not semantic; it under-counts subtle corrections ("the output has
// duplicates"); a "no, ..." answer to the assistant's question can still fire the opener rule. Any change to
// the rules changes what is counted, so it must bump Version (recorded in every session summary).
// Every pattern is a regular language without nested quantifiers, compiled at build time, and the text is
// capped, so detection time is linear in the message length whatever the input.
using System.Text;
using System.Text.RegularExpressions;

namespace ZosTelemetry.Detection;

public static partial class CorrectionDetector
{
    public const int Version = 1;

    /// <summary>Only the head of a long message is read: corrections are said up front, pasted logs follow.</summary>
    public const int MaxAnalysedChars = 2000;

    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    private static readonly (string Marker, Regex Pattern)[] StrongRules =
    [
        ("corr.strong.1", ExplicitlyWrong()),
        ("corr.strong.2", Misunderstood()),
        ("corr.strong.3", ISaid()),
        ("corr.strong.4", RepeatedInstruction()),
        ("corr.strong.5", RevertUndo()),
        ("corr.strong.6", StillFailing()),
        ("corr.strong.7", YouBrokeIt()),
        ("corr.strong.8", WhyDidYou()),
        ("corr.strong.9", StopDoing()),
        ("corr.strong.10", WrongTarget()),
    ];

    private static readonly (string Marker, Regex Pattern)[] WeakRules =
    [
        ("corr.weak.1", ButNotQuite()),
        ("corr.weak.2", DontDoThat()),
        ("corr.weak.3", Expectation()),
        ("corr.weak.4", Frustration()),
        ("corr.weak.5", YouRemoved()),
    ];

    /// <summary>
    /// Every marker the rules can emit, strong first: the features of the detector's own quality snapshot. Each must
    /// have the form CorrectionMarkers owns (ContractTests checks it).
    /// </summary>
    public static IReadOnlyList<string> KnownMarkers { get; } =
        [.. StrongRules.Select(r => r.Marker), .. WeakRules.Select(r => r.Marker), "corr.opener.1", "corr.opener.2"];

    public static CorrectionResult Detect(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new CorrectionResult(Array.Empty<string>());
        }

        string t = Normalise(text);
        if (SelfBlame().IsMatch(t))
        {
            return new CorrectionResult(Array.Empty<string>());
        }

        var markers = new List<string>(2);
        foreach (var (marker, pattern) in StrongRules)
        {
            if (pattern.IsMatch(t))
            {
                markers.Add(marker);
            }
        }

        // A genuine question ("is that wrong?", "how do I revert?") is not a correction unless a strong rule says so.
        bool question = markers.Count == 0 && InformationQuestion().IsMatch(t);
        if (!question)
        {
            foreach (var (marker, pattern) in WeakRules)
            {
                if (pattern.IsMatch(t))
                {
                    markers.Add(marker);
                }
            }

            if (BareNo().IsMatch(t))
            {
                markers.Add("corr.opener.1");
            }
            else if (NoOpener().IsMatch(t) && NoOpenerEvidence().IsMatch(t))
            {
                markers.Add("corr.opener.2");
            }
        }

        return new CorrectionResult(markers.Count == 0 ? Array.Empty<string>() : markers.ToArray());
    }

    public static bool IsCorrection(string? text) => Detect(text).IsCorrection;

    public static IReadOnlyList<string> Markers(string? text) => Detect(text).Markers;

    /// <summary>Lower case, straight quotes, single spaces, and code spans blanked so quoted errors cannot fire a rule.</summary>
    internal static string Normalise(string text)
    {
        var span = text.AsSpan(0, Math.Min(text.Length, MaxAnalysedChars));
        var sb = new StringBuilder(span.Length);
        bool inCode = false, space = true;
        foreach (char raw in span)
        {
            char c = raw switch
            {
                '\u2019' or '\u2018' or '\u02bc' => '\'',
                '\u201c' or '\u201d' => '"',
                '\u2014' or '\u2013' => '-',
                _ => char.ToLowerInvariant(raw),
            };
            if (c == '`')
            {
                inCode = !inCode;
                if (inCode)
                {
                    sb.Append(" code");
                    space = false;
                }

                continue;
            }

            if (inCode)
            {
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                if (!space)
                {
                    sb.Append(' ');
                    space = true;
                }

                continue;
            }

            sb.Append(c);
            space = false;
        }

        return sb.ToString().Trim();
    }

    [GeneratedRegex(@"\b(that|this|it|which|that answer|this answer|that code|this code|the answer)('?s| is| was| are) (just |still |completely |totally |all |quite |simply )?(wrong|incorrect|not (right|correct|quite|it\b|how|what|the case)|the wrong)|^(wrong|incorrect)\b|\bi don'?t think (that|this|it)('?s| is) (right|correct)|\byou('ve| have)? got (the|it|that|this) (\w+ )?(flipped|backwards|reversed|wrong|mixed up)|\byou('re| are) wrong\b|\b(a|one) (small |slight |tiny |little )?mistake\b|\byou made a mistake|\b(doesn'?t|does not|don'?t) (look|seem|sound) (right|correct)\b|\b(looks|seems) (wrong|incorrect)\b|\b(is|are|got) (inverted|flipped|reversed|backwards|swapped)\b", Options)]
    private static partial Regex ExplicitlyWrong();

    [GeneratedRegex(@"\byou('ve| have)? (misunderstood|misread|misunderstand|read (that|it|this) backwards|got the wrong idea)|\btalking past each other|\b(is ?n'?t|is not|not|wasn'?t|was not)( quite| at all| exactly)? what i (meant|asked|wanted|requested|said|need)|\b(not|n'?t|different( thing)?( from)?|other than)\b.{0,30}\b(what|the \w+|the one) i (meant|asked( for)?|wanted|requested|described|specified)\b|\byou (misinterpreted|misread|misunderstood)\b|\bmy (request|instructions?|point|question) (got lost|was|were)\b|\b(a )?different question\b|\bwhen i said\b|\b(where|when) did i (say|ask|tell)\b", Options)]
    private static partial Regex Misunderstood();

    [GeneratedRegex(@"\bi (literally |specifically |clearly |explicitly |just )?(said|meant|asked for|asked you|told you)\b|\bi (didn'?t|did not|never) (ask|want|say|tell|request)\b|\bi only (wanted|asked|said|meant)\b|\bi'?d rather you (didn'?t|not)\b|\bi wanted [^t ]|\bi wanted the\b", Options)]
    private static partial Regex ISaid();

    [GeneratedRegex(@"\b(as i said|like i said|as i mentioned|as mentioned|i already (said|told|mentioned|asked)|i('ve| have) (already )?told you|we went over this|we('ve| have) been (over|through) this)\b|\bfor the (second|third|fourth|fifth|\d+(st|nd|rd|th)) time\b|^(again|once more)\s?[:,.!-]|\bhow many times (do|have|must|did) i\b|\bi already (gave|showed|sent|provided|pasted)\b|\breminder\b.{0,10}\bagain\b", Options)]
    private static partial Regex RepeatedInstruction();

    [GeneratedRegex(@"^(please |pls |can you |could you |just )?(revert|undo|roll ?back|back out|git checkout)\b|\b(revert|undo|roll ?back|back out)( all)? (that|this|it|those|these|everything|all|the (last|previous|change|changes|edit|edits|refactor|commit)|your|what you)\b|\broll (that|it|this|those|these|everything|them) back\b|\bgo back to the (previous|old|original|last|earlier)\b|\bput (the |my )?(original|old|previous)\b.{0,60}\bback\b|\brestore\b.{0,60}\byou (deleted|removed|dropped|changed)\b|\bctrl[- +]?z\b|\b(throw away|throw out|discard|toss) (all of )?(that|this|those|these|it|everything|your|the changes|the edits)\b|\bdrop (your|those|these|the) (changes|edits)\b|\b(back to|to) (how|what) it was\b|\bput (it|them|that) back\b", Options)]
    private static partial Regex RevertUndo();

    [GeneratedRegex(@"\bstill (doesn'?t|does not|isn'?t|is not|not|won'?t|can'?t|fail|fails|failing|failed|broken|red|getting|get|seeing|see|throws|throwing|returns|returning|crash|crashes|crashing|shows|showing|the same|exits|error|errors|climbs|happening|hangs|hanging|compiles? with)\b|\bsame (error|stack ?trace|traceback|problem|issue|exception|failure|bug|result|crash)\b|^(that |it |this )?(didn'?t|did not|doesn'?t|does not) (fix|work|help|solve)\b|\b(that|it|this) (didn'?t|did not) (fix|work|help|solve|change anything)\b|^no change\b|\b(bug|issue|problem|error|crash|flicker|behaviou?r) (still )?persists\b|^(no+|nope|nah)\b.{0,40}\bstill\b", Options)]
    private static partial Regex StillFailing();

    [GeneratedRegex(@"\b(you|your (last |latest |recent )?(change|changes|edit|fix|commit|patch|refactor)|that (change|edit|fix|commit)|this (change|edit|fix|commit))( just| have| has)? (broke|broken|breaks|introduced|caused)\b|\bintroduced a (regression|bug)\b|\bafter your (last |latest |recent )?(change|changes|edit|fix|commit)\b|\bnow (nothing|none of)\b.{0,20}\b(compiles|works|loads|runs|builds|passes)\b|\bnow\b.{0,40}\b(doesn'?t|don'?t|won'?t|can'?t|no longer) (load|work|compile|build|run|start|render|pass)|\bwhat did you (change|do)\b|\bbefore you (touched|changed|edited) it\b|\bthat'?ll break\b|\bsince your (last |latest |recent )?(change|changes|edit|fix|commit)\b|\b(you|u) (wiped|overwrote|clobbered|nuked|trashed|erased)\b|\bnow\b.{0,40}\b(won'?t|doesn'?t|don'?t|can'?t|isn'?t|aren'?t) (even )?(start|load|work|compile|build|run|render|pass|open|connect|respond)\b|\bnow\b.{0,40}\b(are|is) (broken|failing|crashing)\b", Options)]
    private static partial Regex YouBrokeIt();

    [GeneratedRegex(@"\bwhy (did|would|have) you\b|\bwhy (are|do) you (keep|still|always)\b|\bwhy (on earth|the hell|tf)\b|^what are you doing\b|\bwho (asked|told) you\b|\bwho asked for\b", Options)]
    private static partial Regex WhyDidYou();

    [GeneratedRegex(@"^(stop|wait|hold on|halt|whoa|please)\b.{0,12}\b(don'?t|do not|dont)\b|^stop[.!]*$|^whoa\b|\b(stop|quit) (adding|changing|modifying|using|touching|rewriting|deleting|removing|doing|guessing|editing|making|inventing|ignoring|reformatting|renaming|creating|moving)\b|\bthe whole point was\b|\bleave\b.{1,40}\balone\b|^(halt|enough)\b|\benough with the\b", Options)]
    private static partial Regex StopDoing();

    [GeneratedRegex(@"\bwrong (file|function|method|class|branch|repo|repository|table|column|directory|folder|dir|one|place|spot|module|component|service|endpoint|variable|path|version|config|line|test|answer|approach|language|command|environment|field|import|package|query|sign|order|way|again|project|database|db|key|type)\b|^not (that|this) one\b|\byou('re| are) (looking at|editing|reading|changing|in) the (old|wrong|other)\b|^(the )?other (file|one|function|method|class|repo|branch|folder|directory)\b|\bthat'?s the (old|wrong|previous|outdated)\b|\bbut not (the|in) (other|rest)\b", Options)]
    private static partial Regex WrongTarget();

    [GeneratedRegex(@"^(close|almost|nice try|good try|not quite|nearly there|almost there)\b|^(good|great|nice|solid) (start|first pass|attempt|try|first try)\b.{0,5}\bbut\b|\b(almost|nearly)( it| there| right)?,? (but|except)\b|\b(good|great|fine|nice|ok|okay),? (but|except) (you|the|it|this|that)\b|^(actually|hmm+|hm+|wait|ok but)\b.{0,100}\binstead\b|\byou (used|edited|changed|wrote|modified|added|created|updated|touched|deleted|removed|picked|called|imported|returned|put)\b.{0,60}\binstead of\b", Options)]
    private static partial Regex ButNotQuite();

    [GeneratedRegex(@"^(please )?(don'?t|do not|dont) (change|touch|modify|delete|remove|rewrite|reformat|rename|add|use|push|run|edit|commit|create|move|mock)\b|\bi didn'?t want\b", Options)]
    private static partial Regex DontDoThat();

    [GeneratedRegex(@"^(hmm+,? |hm+,? )?i expected\b|\bi expected (it|the|this|that|a)\b|\bi was hoping (for|you|it|that)\b|\b(this|it|that) doesn'?t handle\b", Options)]
    private static partial Regex Expectation();

    [GeneratedRegex(@"\byou keep \w+ing\b|\bgoing (around )?in circles\b|\bscrap (it|that|this)\b|\bstart over\b|\bforget (the|that|this) \w+ approach\b|\bactually read\b|\b(way )?(over-?complicated|overkill|over-?engineered)\b|\bwhy (is|are) (there|this|it|these|all)\b.{0,80}\bnow\b|\bgetting ridiculous\b|\bjust do what i (asked|said)\b|\bover-?engineering\b|^not like that\b|\bpretty sure\b.{0,40}\b(doesn'?t exist|isn'?t right|no longer exists|is wrong|was removed)\b", Options)]
    private static partial Regex Frustration();

    [GeneratedRegex(@"\byou (removed|deleted|dropped|ignored|forgot|skipped|missed) (the|my|all|a|an|that|this|those|it)\b|\byou (changed|edited|touched) .{0,40}\bi (wanted|meant|asked)\b", Options)]
    private static partial Regex YouRemoved();

    [GeneratedRegex(@"^((uh+|um+|er+|erm|hmm+|oh|ugh|bro|dude),? )?(no+|nope|nah)[.!]*$|^(uh+|um+|er+|erm|ugh|bro|dude),? no+\b|^no+ ?!+", Options)]
    private static partial Regex BareNo();

    [GeneratedRegex(@"^(no+|nope|nah)\b", Options)]
    private static partial Regex NoOpener();

    [GeneratedRegex(@"^no[\s,.!-]+no\b|\b(wrong|incorrect|should|instead|means|meant|isn'?t|aren'?t|never)\b|\bnot (it|right|correct|quite|what|how|that)\b|^(no+|nope|nah)\b.{3,}\w, not\b", Options)]
    private static partial Regex NoOpenerEvidence();

    [GeneratedRegex(@"^(is|are|does|do|can|could|should|would|what|how|why|where|which|when|who)\b.*\?$", Options)]
    private static partial Regex InformationQuestion();

    [GeneratedRegex(@"\bmy (bad|fault|mistake)\b|\bi (\w+ ){0,2}(the|a) wrong\b", Options)]
    private static partial Regex SelfBlame();
}
