// What every ZosTelemetry cmdlet shares: the -Root parameter, opening the store with its warnings routed to the
// warning stream and what it reads and writes to -Verbose and Write-Progress (the cmdlet is the core's IStoreObserver),
// and the one mapping from the core's typed exceptions to ErrorRecords with stable ids.
using System.Globalization;
using System.Management.Automation;
using ZosTelemetry.Events;
using ZosTelemetry.Store;

namespace ZosTelemetry.PowerShell;

public abstract class TelemetryCommandBase : PSCmdlet, IStoreObserver, IDisposable
{
    private readonly Dictionary<string, int> progressIds = new(StringComparer.Ordinal);
    private Sync.ITeamDatabase? teamDatabase;

    public const string InvalidValueErrorId = "InvalidTelemetryValue";
    public const string SessionNotFoundErrorId = "SessionNotFound";
    public const string DetectorRecountErrorId = "DetectorRecountImpossible";
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
        if (this is ITeamReader { Database: not null })
        {
            // A reader with -Database queries it through OpenTeamDatabase; reaching here would answer from the wrong store.
            throw new InvalidOperationException("-Database is read through OpenTeamDatabase.");
        }

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
            string resolved = StoreRoot.Resolve(root);
            WriteVerbose($"Store: {resolved}{(Directory.Exists(resolved) ? "" : " (not created yet)")}.");
            return new TelemetryStore(resolved, w => WriteWarning(w.ToString())) { LockTimeout = lockTimeout, Observer = this };
        }
        catch (Exception ex) when (ex is StoreException or ArgumentException or NotSupportedException or SessionStateException)
        {
            ThrowTerminatingError(ToErrorRecord(ex, Root));
            throw; // not reached: ThrowTerminatingError always throws
        }
    }

    /// <summary>
    /// With -Database, the team database (its schema checked) for a reader that queries it (sums, counts and the rows
    /// a listing shows, in SQL); null for the local store. Closed when the command ends.
    /// </summary>
    protected Sync.ITeamDatabase? OpenTeamDatabase()
    {
        if (this is not ITeamReader { Database: string database })
        {
            return null;
        }

        try
        {
            if (!string.IsNullOrWhiteSpace(Root))
            {
                throw new ArgumentException("-Root and -Database name two stores: give one.");
            }

            if (teamDatabase is null)
            {
                teamDatabase = TeamDatabaseLoader.Open(database);
                WriteVerbose($"Querying {teamDatabase.Display} (schema version {teamDatabase.CheckSchema()}).");
            }

            return teamDatabase;
        }
        catch (Exception ex) when (ex is StoreException or ArgumentException)
        {
            ThrowTerminatingError(ToErrorRecord(ex, null));
            throw; // not reached: ThrowTerminatingError always throws
        }
    }

    /// <summary>Closes the team database; PowerShell disposes a cmdlet when its pipeline ends.</summary>
    public void Dispose()
    {
        teamDatabase?.Dispose();
        teamDatabase = null;
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// The stored spelling of a -System value (SystemNames' rule: exact, else the one case-insensitive match); a name
    /// that matches no system is returned as given, with a warning that names the systems the store has.
    /// </summary>
    protected string? ResolveSystem(TelemetryStore store, string? name) =>
        string.IsNullOrEmpty(name) ? name : ResolveSystem(store.KnownSystems(), name);

    /// <summary>ResolveSystem over a team database's systems.</summary>
    protected string? ResolveSystem(Sync.ITeamDatabase database, string? name) =>
        string.IsNullOrEmpty(name) ? name : ResolveSystem(database.KnownSystems(), name);

    private string? ResolveSystem(IReadOnlyList<string> known, string name)
    {
        string? match = SystemNames.Match(known, name);
        if (match is null)
        {
            WriteWarning(SystemNames.NotFound(name, known));
        }
        else if (match != name)
        {
            WriteVerbose($"System '{name}' is stored as '{match}'.");
        }

        return match ?? name;
    }

    /// <summary>True under -WhatIf or $WhatIfPreference: the command says what it would do and changes nothing.</summary>
    protected bool WhatIfRequested => MyInvocation.BoundParameters.TryGetValue("WhatIf", out object? w)
        ? LanguagePrimitives.IsTrue(w)
        : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));

    /// <summary>Under -WhatIf, says that nothing would change (ShouldProcess prints "What if: ..."); otherwise silent.</summary>
    protected void WhatIfNothing(string target, string action)
    {
        if (WhatIfRequested)
        {
            ShouldProcess(target, action);
        }
    }

    /// <summary>Stops the command when -Since is not before -Until (TimeWindow's rule, as in the CLI and Get-TelemetrySavings).</summary>
    protected void CheckWindow(DateTimeOffset? since, DateTimeOffset? until)
    {
        try
        {
            TimeWindow.Check(since, until);
        }
        catch (ArgumentException ex)
        {
            ThrowTerminatingError(ToErrorRecord(ex, since));
        }
    }

    /// <summary>
    /// True for refused values and failures of the store. Raw I/O exceptions count as store failures, as in the CLI,
    /// because some read paths of the core let them through. Anything else is a bug and should surface as one.
    /// </summary>
    protected static bool IsTelemetryError(Exception ex) =>
        ex is TelemetryValidationException or StoreException or IOException or UnauthorizedAccessException or OverflowException
            or Detection.DetectorRecountException;

    protected ErrorRecord ToErrorRecord(Exception ex, object? target) => ex switch
    {
        TelemetryValidationException or ArgumentException => new ErrorRecord(ex, InvalidValueErrorId, ErrorCategory.InvalidArgument, target),
        SessionNotFoundException notFound => new ErrorRecord(ex, SessionNotFoundErrorId, ErrorCategory.ObjectNotFound, notFound.SessionId),
        Detection.DetectorRecountException recount => new ErrorRecord(ex, DetectorRecountErrorId, ErrorCategory.InvalidOperation, recount.SessionId),
        StoreBusyException => new ErrorRecord(ex, StoreBusyErrorId, ErrorCategory.ResourceBusy, target),
        StoreAccessException => new ErrorRecord(ex, StoreAccessErrorId, ErrorCategory.PermissionDenied, target),
        _ => new ErrorRecord(ex, StoreErrorId, StoreErrorCategory, target),
    };

    /// <inheritdoc/>
    void IStoreObserver.Verbose(string message) => WriteVerbose(message);

    /// <inheritdoc/>
    void IStoreObserver.Progress(string activity, long done, long total)
    {
        if (!progressIds.TryGetValue(activity, out int id))
        {
            progressIds[activity] = id = progressIds.Count + 1;
        }

        var record = new ProgressRecord(id, activity, string.Create(CultureInfo.InvariantCulture, $"{done} of {total}"))
        {
            PercentComplete = total <= 0 ? 100 : (int)Math.Min(100, done * 100 / total),
            RecordType = done >= total ? ProgressRecordType.Completed : ProgressRecordType.Processing,
        };
        WriteProgress(record);
    }
}
