// Says why a refused value looks like content rather than a name: a URL, an e-mail address, a file path or words.
// The validator's rules already refuse such values (by character set, word count and length); this only turns
// "character '@' is not allowed" into a message that also says what the value looked like, so a user sees at once
// that the store refused to keep something personal, not that it has a fussy syntax.
using System.Text.RegularExpressions;

namespace ZosTelemetry.Events;

public static partial class ContentLikeness
{
    /// <summary>A sentence to append to a refusal, starting with a space, or "" when the value looks like no kind of content.</summary>
    public static string Hint(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value.Contains("://", StringComparison.Ordinal) || value.StartsWith("www.", StringComparison.OrdinalIgnoreCase))
        {
            return " It looks like a URL, and the store keeps no URLs.";
        }

        if (EmailLike().IsMatch(value))
        {
            return " It looks like an e-mail address, and the store keeps no addresses.";
        }

        if (PathLike().IsMatch(value))
        {
            return " It looks like a file path, and the store keeps no paths.";
        }

        int words = CountWords(value);
        return words > 1 ? $" It looks like text ({words} words), and the store keeps no text." : "";
    }

    private static int CountWords(string value) => value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex EmailLike();

    // /abs, ~/home, C:\ or C:/, \\server, or any backslash or slash between two names (dir/file).
    [GeneratedRegex(@"^(/|~[/\\]|[A-Za-z]:[/\\]|\\\\)|[^\s/\\]+[/\\][^\s/\\]+", RegexOptions.CultureInvariant)]
    private static partial Regex PathLike();
}
