// Sync-TelemetryStore: sends the store's rows past their per-file cursors to a team PostgreSQL database, each row at
// most once (a second sync sends nothing), and only rows whose family may leave the machine. -Init creates or migrates
// the database's schema and role grants instead (once, as its owner). -Database, else $env:ZOS_DATABASE; the password
// appears in no output, error or -Verbose message.
using System.Management.Automation;
using ZosTelemetry.Sync;

namespace ZosTelemetry.PowerShell.Commands;

[Cmdlet(VerbsData.Sync, "TelemetryStore", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Root + "Sync-TelemetryStore.md")]
[OutputType(typeof(SyncResult), typeof(TeamSchema))]
public sealed class SyncTelemetryStoreCommand : TelemetryCommandBase
{
    /// <summary>A postgres:// URI or keyword connection string; defaults to $env:ZOS_DATABASE.</summary>
    [Parameter(Position = 0)]
    public string? Database { get; set; }

    /// <summary>Create or migrate the database's schema and the zos_writer and zos_reader grants; sends nothing.</summary>
    [Parameter]
    public SwitchParameter Init { get; set; }

    protected override ErrorCategory StoreErrorCategory => ErrorCategory.WriteError;

    protected override void EndProcessing()
    {
        try
        {
            string connection = !string.IsNullOrWhiteSpace(Database) ? Database
                : Environment.GetEnvironmentVariable("ZOS_DATABASE") is { Length: > 0 } env ? env
                : throw new ArgumentException("No database given: pass -Database or set $env:ZOS_DATABASE.");
            using var database = TeamDatabaseLoader.Open(connection);
            if (Init)
            {
                if (ShouldProcess(database.Display, "Create or migrate the ZosTelemetry schema"))
                {
                    WriteObject(new TeamSchema { Database = database.Display, SchemaVersion = database.Initialize() });
                }

                return;
            }

            var store = OpenStore();
            if (ShouldProcess(database.Display, $"Send the rows of {store.Root} not sent yet"))
            {
                WriteObject(TeamSync.Run(store, database, onWarning: w => WriteWarning(w.ToString())));
            }
        }
        catch (Exception ex) when (IsTelemetryError(ex) || ex is ArgumentException)
        {
            ThrowTerminatingError(ToErrorRecord(ex, null));
        }
    }
}
