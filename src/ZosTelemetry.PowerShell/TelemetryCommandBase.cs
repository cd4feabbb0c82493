// What every ZosTelemetry cmdlet shares: the -Root parameter, opening the store with its warnings routed to the
// warning stream, and the one mapping from the core's typed exceptions to ErrorRecords with stable ids.
using System.Management.Automation;
using ZosTelemetry.Events;
using ZosTelemetry.Store;

namespace ZosTelemetry.PowerShell;

public abstract class TelemetryCommandBase : PSCmdlet
{
    public const string InvalidValueErrorId = "InvalidTelemetryValue";
    public const string SessionNotFoundErrorId = "SessionNotFound";
    public const string StoreBusyErrorId = "StoreBusy";
    public const string StoreErrorId = "StoreError";

    /// <summary>The store directory; defaults to $env:ZOS_HOME/telemetry, then ~/.zos/telemetry.</summary>
    [Parameter]
    public string? Root { get; set; }

    /// <summary>The category a plain StoreException gets: WriteError for cmdlets that append, ReadError for readers.</summary>
    protected virtual ErrorCategory StoreErrorCategory => ErrorCategory.ReadError;

    /// <summary>Opens the store. A relative -Root is taken from PowerShell's location, not the process's directory.</summary>
    protected TelemetryStore OpenStore()
    {
        string? root = string.IsNullOrWhiteSpace(Root) ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(Root);
        return new TelemetryStore(StoreRoot.Resolve(root), w => WriteWarning(w.ToString()));
    }

    /// <summary>True for the exceptions the core throws on purpose; anything else is a bug and should surface as such.</summary>
    protected static bool IsTelemetryError(Exception ex) => ex is TelemetryValidationException or StoreException;

    protected ErrorRecord ToErrorRecord(Exception ex, object? target) => ex switch
    {
        TelemetryValidationException => new ErrorRecord(ex, InvalidValueErrorId, ErrorCategory.InvalidArgument, target),
        SessionNotFoundException notFound => new ErrorRecord(ex, SessionNotFoundErrorId, ErrorCategory.ObjectNotFound, notFound.SessionId),
        StoreBusyException => new ErrorRecord(ex, StoreBusyErrorId, ErrorCategory.ResourceBusy, target),
        _ => new ErrorRecord(ex, StoreErrorId, StoreErrorCategory, target),
    };
}
