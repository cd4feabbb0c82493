// Tab completion of -BaselineModel: the models of the price table in effect (shipped, then $ZOS_HOME/prices.json), since
// a baseline must have a price. Never throws: a price file that cannot be read completes nothing.
using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using ZosTelemetry.Pricing;

namespace ZosTelemetry.PowerShell.Completion;

public sealed class BaselineModelCompleter : IArgumentCompleter
{
    /// <inheritdoc/>
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        try
        {
            return Completions.Matching(wordToComplete, PriceFiles.Load().Models.Select(m => m.Model).Order(StringComparer.Ordinal));
        }
        catch (Exception)
        {
            return [];
        }
    }
}
