// The marker vocabulary of every detector version, in one public list, so that contracts, schemas and analyses
// derive what a marker means from the code that emits it. The store accepts a corr.* marker only in these forms,
// whoever writes it (the detector, --marker, an importer); schemas/index.json points here rather than copying the list. Version 1's markers are corr.{strong|weak|opener}.{n}
// (English). Version 2's name their language: corr.{strong|weak|opener}.{language}.{n} (en, de, fr, es, pt, ru, zh,
// ja), plus corr.repeat (the user turn restates the previous one) and the stamp det.v2 on every user turn version 2
// read, which is not a correction marker (it does not start with corr.) but says which rules the turn's markers follow.
using System.Text.RegularExpressions;

namespace ZosTelemetry.Detection;

public static partial class CorrectionMarkers
{
    public const string Prefix = "corr.";

    /// <summary>The strengths a rule can have, in the order the detector tries them.</summary>
    public static IReadOnlyList<string> Strengths => StrengthNames;

    private static readonly string[] StrengthNames = ["strong", "weak", "opener"];

    /// <summary>The correction markers' pattern in words, for messages and the registry.</summary>
    public const string Words = "corr.<strength>[.<lang>].<n> (strength strong, weak or opener) or corr.repeat";

    /// <summary>The correction markers (not the det.v2 stamp) as a regular expression; IsMarker is the check.</summary>
    public const string CorrectionExpression = "^corr\\.((strong|weak|opener)(\\.[a-z]{2})?\\.[1-9][0-9]{0,2}|repeat)$";

    /// <summary>Whether a corr.* marker has one of the detector's forms: corr.strength.n, corr.strength.lang.n or corr.repeat.</summary>
    public static bool IsMarker(string marker)
    {
        if (marker == Repeat)
        {
            return true;
        }

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

    /// <summary>A user turn that repeats or rephrases the same session's previous user turn (version 2).</summary>
    public const string Repeat = "corr.repeat";

    /// <summary>Stored on each user turn that detector version 2 read; it marks no correction.</summary>
    public const string Version2Stamp = "det.v2";

    /// <summary>Every marker a detector emits, as a regular expression (version 1's, version 2's, corr.repeat and det.v2).</summary>
    public const string Pattern = @"^(corr\.(strong|weak|opener)\.[0-9]+|corr\.(strong|weak|opener)\.(en|de|fr|es|pt|ru|zh|ja)\.[0-9]+|corr\.repeat|det\.v2)$";

    /// <summary>The languages version 2 has rules for, as they appear in its markers.</summary>
    public static IReadOnlyList<string> Languages { get; } = ["en", "de", "fr", "es", "pt", "ru", "zh", "ja"];

    /// <summary>Every marker of every version, with the version that introduced it, its language and what it means.</summary>
    public static IReadOnlyList<CorrectionMarker> All { get; } = Build();

    /// <summary>The detector version whose rules emit this marker; 0 for markers no detector emits (e.g. corr.manual).</summary>
    public static int VersionOf(string marker)
    {
        if (marker == Repeat || marker == Version2Stamp)
        {
            return 2;
        }

        if (!MarkerPattern().IsMatch(marker))
        {
            return 0;
        }

        return marker.Count(c => c == '.') == 3 ? 2 : 1;
    }

    [GeneratedRegex(Pattern, RegexOptions.CultureInvariant)]
    private static partial Regex MarkerPattern();

    private static CorrectionMarker[] Build()
    {
        var all = new List<CorrectionMarker>();
        foreach (var (marker, description) in DetectorV1.Vocabulary)
        {
            all.Add(new CorrectionMarker(marker, 1, "en", marker.Split('.')[1], description));
        }

        foreach (var rule in DetectorV2.AllRules)
        {
            all.Add(new CorrectionMarker(rule.Marker, 2, rule.Language, rule.Kind.ToString().ToLowerInvariant(), rule.Description));
        }

        all.Add(new CorrectionMarker(Repeat, 2, null, "repeat", "the user turn repeats or rephrases the previous user turn of the session"));
        all.Add(new CorrectionMarker(Version2Stamp, 2, null, "stamp", "the turn was read by detector version 2 (not a correction)"));
        return [.. all];
    }
}

/// <summary>One marker of the vocabulary: what a stored token means. Kind is strong, weak, opener, repeat or stamp.</summary>
public sealed class CorrectionMarker(string marker, int version, string? language, string kind, string description)
{
    public string Marker { get; } = marker;

    public int Version { get; } = version;

    /// <summary>The language of the rule (en, de, fr, es, pt, ru, zh, ja); null for corr.repeat and det.v2.</summary>
    public string? Language { get; } = language;

    public string Kind { get; } = kind;

    public string Description { get; } = description;

    public bool IsCorrection => Marker.StartsWith(Events.MarkerPrefixes.Correction, StringComparison.Ordinal);
}
