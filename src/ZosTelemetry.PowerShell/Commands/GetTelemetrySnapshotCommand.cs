// Get-TelemetrySnapshot: the stored quality snapshots that match, newest last. -Last N reads from the end of the
// newest month files and stops at N, so it costs the same in a store of a thousand snapshots or a million.
using System.Management.Automation;
using ZosTelemetry.Events;
using ZosTelemetry.PowerShell.Binding;
using ZosTelemetry.PowerShell.Completion;
using ZosTelemetry.Snapshots;
using ZosTelemetry.Store;

namespace ZosTelemetry.PowerShell.Commands;

[Cmdlet(VerbsCommon.Get, "TelemetrySnapshot", HelpUri = HelpLinks.Root + "Get-TelemetrySnapshot.md")]
[OutputType(typeof(QualitySnapshot))]
public sealed class GetTelemetrySnapshotCommand : TelemetryCommandBase, ITeamReader
{
    /// <summary>Read a team database (a postgres:// URI or keyword connection string) instead of the local store.</summary>
    [Parameter]
    public string? Database { get; set; }

    [Parameter(Position = 0), ArgumentCompleter(typeof(SystemNameCompleter))]
    public string? System { get; set; }

    /// <summary>Only the snapshots of this user, given by name and compared as its hash.</summary>
    [Parameter]
    public string? UserName { get; set; }

    [Parameter, ValidateRange(1, int.MaxValue)]
    public int? Last { get; set; }

    /// <summary>Snapshots taken at or after this instant.</summary>
    [Parameter, TimestampTransformation]
    public DateTimeOffset? Since { get; set; }

    /// <summary>Snapshots taken before this instant.</summary>
    [Parameter, TimestampTransformation]
    public DateTimeOffset? Until { get; set; }

    protected override void ProcessRecord()
    {
        if (Database is not null && !string.IsNullOrEmpty(UserName))
        {
            ThrowTerminatingError(new ErrorRecord(new ArgumentException("-UserName: " + Sync.TeamRows.UserFilterRefused), "UserFilterOnTeamDatabase", ErrorCategory.InvalidArgument, UserName));
        }

        try
        {
            var database = OpenTeamDatabase();
            var store = database is null ? OpenStore() : null;
            var query = new SnapshotQuery
            {
                System = System, User = string.IsNullOrEmpty(UserName) ? null : store!.LookupUserHash(UserName), Last = Last, Since = Since, Until = Until,
            };
            var snapshots = database is null ? store!.ReadSnapshots(query) : Sync.TeamRows.ReadSnapshots(database, query, w => WriteWarning(w.ToString()));
            foreach (var s in snapshots)
            {
                WriteObject(s);
            }
        }
        catch (Exception ex) when (IsTelemetryError(ex))
        {
            ThrowTerminatingError(ToErrorRecord(ex, Root));
        }
    }
}
