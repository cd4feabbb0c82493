// The completers that offer values from the store named by -Root (or the default store): a relative -Root is resolved
// from PowerShell's current location, as the cmdlet itself will resolve it. Completion runs on every Tab press, so it
// never throws and never writes: any failure completes nothing.
using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using ZosTelemetry.Store;

namespace ZosTelemetry.PowerShell.Completion;

public abstract class StoreValueCompleter : IArgumentCompleter
{
    /// <inheritdoc/>
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        try
        {
            var store = new TelemetryStore(StoreRoot.Resolve(Root(fakeBoundParameters?["Root"] as string)));
            return Completions.Matching(wordToComplete, Values(store));
        }
        catch (Exception)
        {
            return [];
        }
    }

    /// <summary>The values to offer, in the order to offer them.</summary>
    protected abstract IEnumerable<string> Values(TelemetryStore store);

    // Resolved as the cmdlet resolves -Root (TelemetryCommandBase.OpenStore): from PowerShell's location, with ~
    // expanded. A completer gets no session state, but it runs on the pipeline's thread, so a script block sees the
    // session the user types in (Runspace.DefaultRunspace.SessionStateProxy is not usable while a command runs).
    private static string? Root(string? root) =>
        string.IsNullOrWhiteSpace(root)
            ? root
            : ScriptBlock.Create("$ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($args[0])")
                .Invoke(root).Select(o => o?.BaseObject as string).FirstOrDefault() ?? root;
}

/// <summary>System names (-System, -SystemA, -SystemB).</summary>
public sealed class SystemNameCompleter : StoreValueCompleter
{
    protected override IEnumerable<string> Values(TelemetryStore store) => StoreVocabulary.Systems(store);
}

/// <summary>Session ids, newest first (-SessionId).</summary>
public sealed class SessionIdCompleter : StoreValueCompleter
{
    protected override IEnumerable<string> Values(TelemetryStore store) => StoreVocabulary.SessionIds(store);
}

/// <summary>Models seen in the store (-Model).</summary>
public sealed class ModelCompleter : StoreValueCompleter
{
    protected override IEnumerable<string> Values(TelemetryStore store) => StoreVocabulary.Models(store);
}

/// <summary>Contexts seen in the store (-Context).</summary>
public sealed class ContextCompleter : StoreValueCompleter
{
    protected override IEnumerable<string> Values(TelemetryStore store) => StoreVocabulary.Contexts(store);
}

/// <summary>Event kinds (-Kind): the known kinds, then others seen in the store.</summary>
public sealed class KindCompleter : StoreValueCompleter
{
    protected override IEnumerable<string> Values(TelemetryStore store) => StoreVocabulary.Kinds(store);
}
