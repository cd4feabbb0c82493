// Generated user messages, each carrying unique canary words, for proving that no capture path stores what a user
// typed. Canaries are "zq" plus ten random lower-case letters and digits: words that appear nowhere else, so finding
// one anywhere under the store's root can only mean message text reached the disk.
using System.Text;

namespace ZosTelemetry.Tests;

internal sealed record CanaryMessage(string Text, IReadOnlyList<string> Canaries);

internal static class CanaryMessages
{
    private static readonly string[] Corrections =
    [
        "no, that's wrong, {0} is not what I asked for",
        "you misunderstood me: the {0} module must stay",
        "revert that, {0} was fine before",
        "still failing with {0}",
        "I said {0}, not {1}",
        "that's not right, use {0} instead of {1}",
        "No. Stop. {0} is broken now",
        "wrong file - I meant {0}",
        "undo the change to {0} please",
        "this is incorrect, {0} should return {1}",
    ];

    private static readonly string[] Neutral =
    [
        "thanks, that fixed {0}",
        "can you add a test for {0}?",
        "great, now rename {0} to {1}",
        "please refactor {0} and keep {1}",
        "what does {0} do?",
        "looks good, ship {0}",
        "my e-mail is {0}@example.com and my token is {1}",
        "see /home/alice/{0}/notes.txt and https://example.com/?q={1}",
        "{{\"text\": \"{0}\", \"markers\": [\"corr.strong.1\", \"{1}\"]}}",
        "corr.strong.1 {0} corr.weak.2 {1}",
    ];

    private static readonly string[] Noise = ["", "\n", "\r\n", "\t", "  ", " 😀 ", " — ", " ünïcödé ", " 日本語 ", "\u0000", "\"", "\\", "'"];

    public static IEnumerable<CanaryMessage> Generate(int count, int seed)
    {
        var random = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            string a = Canary(random), b = Canary(random);
            string[] templates = random.Next(2) == 0 ? Corrections : Neutral;
            var text = new StringBuilder(string.Format(System.Globalization.CultureInfo.InvariantCulture, templates[random.Next(templates.Length)], a, b));
            text.Append(Noise[random.Next(Noise.Length)]);
            if (random.Next(20) == 0)
            {
                // A long paste: the canary is repeated past the detector's 2,000-character window too.
                while (text.Length < 6_000)
                {
                    text.Append(' ').Append(a).Append(" and ").Append(b);
                }
            }

            yield return new CanaryMessage(text.ToString(), [a, b]);
        }
    }

    private static string Canary(Random random)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        var chars = new char[12];
        chars[0] = 'z';
        chars[1] = 'q';
        for (int i = 2; i < chars.Length; i++)
        {
            chars[i] = alphabet[random.Next(alphabet.Length)];
        }

        return new string(chars);
    }

    /// <summary>The canaries of the messages that occur anywhere in the bytes (any encoding-neutral ASCII match).</summary>
    public static IReadOnlyList<string> FoundIn(byte[] bytes, IEnumerable<CanaryMessage> messages)
    {
        // Canaries are ASCII, so a byte-level search finds them in UTF-8, Latin-1 or any ASCII-compatible encoding;
        // the two UTF-16 alignments are searched as well.
        var found = new List<string>();
        Search(Encoding.Latin1.GetString(bytes), messages, found);
        Search(Encoding.Unicode.GetString(bytes), messages, found);
        if (bytes.Length > 1)
        {
            Search(Encoding.Unicode.GetString(bytes, 1, bytes.Length - 1), messages, found);
        }

        return found;
    }

    private static void Search(string haystack, IEnumerable<CanaryMessage> messages, List<string> found)
    {
        int at = 0;
        while ((at = haystack.IndexOf("zq", at, StringComparison.Ordinal)) >= 0)
        {
            foreach (var m in messages)
            {
                found.AddRange(m.Canaries.Where(c => string.CompareOrdinal(haystack, at, c, 0, c.Length) == 0));
            }

            at += 2;
        }
    }

    /// <summary>Every byte of every file under a directory, hidden files and leftovers included.</summary>
    public static byte[] AllBytesUnder(string root) => Directory.Exists(root)
        ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal).SelectMany(File.ReadAllBytes).ToArray()
        : [];
}
