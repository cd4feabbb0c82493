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
    public const string StoreAccessErrorId = "StoreAccessDenied";

    /// <summary>The store directory; defaults to $env:ZOS_HOME/telemetry, then ~/.zos/telemetry.</summary>
    [Parameter]
    public string? Root { get; set; }

    /// <summary>The category a plain StoreException gets: WriteError for cmdlets that append, ReadError for readers.</summary>
    protected virtual ErrorCategory StoreErrorCategory => ErrorCategory.ReadError;

    /// <summary>
    /// Opens the store, or stops the command with a StoreError when -Root names no usable directory. A relative -Root
    /// is taken from PowerShell's location (Set-Location), not the process's directory, and ~ is expanded. Writers wait
    /// for the store's lock as long as $env:ZOS_LOCK_TIMEOUT says (seconds), else 2 s.
    /// </summary>
    protected TelemetryStore OpenStore()
    {
        try
        {
            string? root = null;
            if (!string.IsNullOrWhiteSpace(Root))
            {
                root = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Root, out ProviderInfo provider, out _);
                if (provider.Name != "FileSystem")
                {
                    throw new StoreException($"-Root '{Root}' is on the {provider.Name} provider; the store must be a file-system directory.");
                }
            }

            // Cmdlets that write (their store errors are WriteErrors) wait for the lock as $env:ZOS_LOCK_TIMEOUT says, as
            // the CLI's writers do; readers never take the lock, so a bad value does not stop them.
            var lockTimeout = StoreErrorCategory == ErrorCategory.WriteError ? LockTimeoutSetting.Resolve(null) : TelemetryStore.DefaultLockTimeout;
            return new TelemetryStore(StoreRoot.Resolve(root), w => WriteWarning(w.ToString())) { LockTimeout = lockTimeout };
        }
        catch (Exception ex) when (ex is StoreException or ArgumentException or NotSupportedException or SessionStateException)
        {
            ThrowTerminatingError(ToErrorRecord(ex, Root));
            throw; // not reached: ThrowTerminatingError always throws
        }
    }

    /// <summary>
    /// True for refused values and failures of the store. Raw I/O exceptions count as store failures, as in the CLI,
    /// because some read paths of the core let them through. Anything else is a bug and should surface as one.
    /// </summary>
    protected static bool IsTelemetryError(Exception ex) =>
        ex is TelemetryValidationException or StoreException or IOException or UnauthorizedAccessException or OverflowException;

    protected ErrorRecord ToErrorRecord(Exception ex, object? target) => ex switch
    {
        TelemetryValidationException or ArgumentException => new ErrorRecord(ex, InvalidValueErrorId, ErrorCategory.InvalidArgument, target),
        SessionNotFoundException notFound => new ErrorRecord(ex, SessionNotFoundErrorId, ErrorCategory.ObjectNotFound, notFound.SessionId),
        StoreBusyException => new ErrorRecord(ex, StoreBusyErrorId, ErrorCategory.ResourceBusy, target),
        StoreAccessException => new ErrorRecord(ex, StoreAccessErrorId, ErrorCategory.PermissionDenied, target),
        _ => new ErrorRecord(ex, StoreErrorId, StoreErrorCategory, target),
    };
}
