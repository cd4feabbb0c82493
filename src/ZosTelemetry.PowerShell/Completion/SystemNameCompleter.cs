// Tab completion of system names (-System, -SystemA, -SystemB) from the store named by -Root, or the default store.
// Completion runs on every Tab press, so it must never throw and never write: any failure completes nothing.
using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using ZosTelemetry.Store;

namespace ZosTelemetry.PowerShell.Completion;

public sealed class SystemNameCompleter : IArgumentCompleter
{
    /// <inheritdoc/>
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        try
        {
            // A relative -Root resolves against the process directory here, not PowerShell's location: there is no
            // session state to ask, and a miss only means no suggestions.
            string? root = fakeBoundParameters?["Root"] as string;
            var pattern = WildcardPattern.Get(wordToComplete.Trim('\'', '"') + "*", WildcardOptions.IgnoreCase);
            return new TelemetryStore(StoreRoot.Resolve(root))
                .KnownSystems()
                .Where(pattern.IsMatch)
                .Select(name => new CompletionResult(Quote(name), name, CompletionResultType.ParameterValue, name))
                .ToList();
        }
        catch (Exception)
        {
            return [];
        }
    }

    // Names may hold spaces but never quotes (the validator refuses them), so single quotes need no escaping.
    private static string Quote(string name) => name.Contains(' ', StringComparison.Ordinal) ? $"'{name}'" : name;
}
