// The completion results every completer returns: the values that start with what was typed (any case, quotes
// ignored), each quoted when it holds a space, in the order given and without duplicates.
using System.Management.Automation;

namespace ZosTelemetry.PowerShell.Completion;

internal static class Completions
{
    public static List<CompletionResult> Matching(string wordToComplete, IEnumerable<string?> values)
    {
        var pattern = WildcardPattern.Get(WildcardPattern.Escape(wordToComplete.Trim('\'', '"')) + "*", WildcardOptions.IgnoreCase);
        return values
            .Where(v => !string.IsNullOrEmpty(v) && pattern.IsMatch(v))
            .Distinct(StringComparer.Ordinal)
            .Select(v => new CompletionResult(Quote(v!), v, CompletionResultType.ParameterValue, v))
            .ToList();
    }

    // Stored names may hold spaces but never quotes (the validator refuses them), so single quotes need no escaping.
    private static string Quote(string value) => value.Contains(' ', StringComparison.Ordinal) ? $"'{value}'" : value;
}
