// Unicode-aware normalisation for detector version 2: one pass that lower-cases (invariant case folding), strips
// Latin accents (é -> e, ß -> ss, ç -> c), folds full-width ASCII to ASCII and half-width katakana to full width,
// maps ё to е, straightens quotes, blanks code spans and drops apostrophes inside words (don't = dont, c'est = cest),
// so a rule written once in plain lower case matches every way the phrase is typed. Rules are folded by the same
// code, so a rule and a message can never disagree on spelling.
namespace ZosTelemetry.Detection;

internal static class TextFolding
{
    // Latin-1 Supplement and Latin Extended-A (U+00C0..U+017F) without their marks; null where the letter is not folded.
    private static readonly string?[] Latin = BuildLatin();

    // Half-width katakana U+FF66..U+FF9D to their full-width forms; the sound marks U+FF9E/F that follow are composed
    // with them by the tokeniser (Voice).
    private const string HalfWidthKatakana =
        "ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン";

    /// <summary>True for the characters that end a sentence once folded.</summary>
    public static bool IsSentenceEnd(char c) => c is '.' or '!' or '?' or ';' or ':' or '\n' or '\u3002' or '\u2026';

    /// <summary>
    /// Folds one character into dest (0, 1 or 2 characters written). Apostrophes and code spans are handled by the caller.
    /// </summary>
    public static int Fold(char c, Span<char> dest)
    {
        if (c < 0x80)
        {
            dest[0] = c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
            return 1;
        }

        if (c is >= '\u00C0' and <= '\u017F')
        {
            string? f = Latin[c - 0xC0];
            if (f is not null)
            {
                f.AsSpan().CopyTo(dest);
                return f.Length;
            }
        }

        if (c is >= '\uFF01' and <= '\uFF5E')
        {
            char a = (char)(c - 0xFEE0);
            dest[0] = a is >= 'A' and <= 'Z' ? (char)(a + 32) : a;
            return 1;
        }

        if (c is >= '\uFF66' and <= '\uFF9D')
        {
            dest[0] = HalfWidthKatakana[c - 0xFF66];
            return 1;
        }

        switch (c)
        {
            case '\u0401' or '\u0451': dest[0] = '\u0435'; return 1; // Ё ё -> е
            case '\u2018' or '\u2019' or '\u02BC' or '\u2032' or '\uFF07': dest[0] = '\''; return 1;
            case '\u201C' or '\u201D' or '\u00AB' or '\u00BB' or '\u300C' or '\u300D' or '\u300E' or '\u300F': dest[0] = '"'; return 1;
            case '\u2013' or '\u2014' or '\u2212': dest[0] = '-'; return 1;
            case '\u3000' or '\u00A0' or '\u2009' or '\u202F': dest[0] = ' '; return 1;
            case '\u3001' or '\uFF64': dest[0] = ','; return 1;
            case '\u3002' or '\uFF61': dest[0] = '.'; return 1;
            case '\u00BF' or '\u00A1': dest[0] = ' '; return 1; // Spanish ¿ ¡ open a sentence; the closing mark ends it
            case '\uFF9E' or '\uFF9F' or '\u3099' or '\u309A': return 0;
        }

        dest[0] = char.ToLowerInvariant(c);
        return 1;
    }

    /// <summary>A full-width katakana with the voiced (ﾞ) or semi-voiced (ﾟ) mark that followed it in half-width text.</summary>
    public static char Voice(char kana, bool semi)
    {
        const string voiceable = "カキクケコサシスセソタチツテトハヒフヘホ";
        if (kana == 'ウ' && !semi)
        {
            return 'ヴ';
        }

        if (voiceable.Contains(kana))
        {
            bool ha = kana is 'ハ' or 'ヒ' or 'フ' or 'ヘ' or 'ホ';
            return semi ? (ha ? (char)(kana + 2) : kana) : (char)(kana + 1);
        }

        return kana;
    }

    /// <summary>Han ideographs and kana: written without spaces, so each is a token of its own.</summary>
    public static bool IsCjk(char c) =>
        c is >= '\u3040' and <= '\u30FF' // hiragana, katakana
        or >= '\u3400' and <= '\u4DBF'
        or >= '\u4E00' and <= '\u9FFF'
        or >= '\uF900' and <= '\uFAFF';

    public static bool IsWordChar(char c) => c < 0x80 ? char.IsAsciiLetterOrDigit(c) : char.IsLetterOrDigit(c) || c == '\u30FC';

    public static bool IsApostrophe(char c) => c == '\'';

    private static string?[] BuildLatin()
    {
        // Upper and lower case alike: the fold also lower-cases.
        const string from = "ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖØòóôõöøÙÚÛÜùúûüÝýÿĀāĂăĄąĆćĈĉĊċČčĎďĐđĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĦħĨĩĪīĬĭĮįİıĴĵĶķĹĺĻļĽľĿŀŁłŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŦŧŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽž";
        const string to = "aaaaaaaaaaaacceeeeeeeeiiiiiiiinnoooooooooooouuuuuuuuyyyaaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiijjkkllllllllllnnnnnnoooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzz";
        var table = new string?[0x180 - 0xC0];
        for (int i = 0; i < from.Length; i++)
        {
            table[from[i] - 0xC0] = to[i].ToString();
        }

        table['ß' - 0xC0] = "ss";
        table['Æ' - 0xC0] = table['æ' - 0xC0] = "ae";
        table['Œ' - 0xC0] = table['œ' - 0xC0] = "oe";
        table['Ð' - 0xC0] = table['ð' - 0xC0] = "d";
        table['Þ' - 0xC0] = table['þ' - 0xC0] = "th";
        return table;
    }
}
