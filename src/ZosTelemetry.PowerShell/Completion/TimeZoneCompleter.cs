// Tab completion of -TimeZone: "local", "UTC" and the system's IANA time zone ids that match what was typed.
using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace ZosTelemetry.PowerShell.Completion;

public sealed class TimeZoneCompleter : IArgumentCompleter
{
    /// <inheritdoc/>
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        Completions.Matching(wordToComplete, ["local", "UTC", .. TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id)]);
}
