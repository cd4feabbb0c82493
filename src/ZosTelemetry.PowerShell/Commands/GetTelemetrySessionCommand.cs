// Get-TelemetrySession: the latest summary of each closed session that matches every filter given, newest first.
// Streamed: each session goes down the pipeline as it is read, so the first appears before older months are read.
using System.Management.Automation;
using ZosTelemetry.PowerShell.Binding;
using ZosTelemetry.PowerShell.Completion;
using ZosTelemetry.Sessions;
using ZosTelemetry.Store;

namespace ZosTelemetry.PowerShell.Commands;

[Cmdlet(VerbsCommon.Get, "TelemetrySession", HelpUri = HelpLinks.Root + "Get-TelemetrySession.md")]
[OutputType(typeof(SessionSummary))]
public sealed class GetTelemetrySessionCommand : TelemetryCommandBase, ITeamReader
{
    /// <summary>Read a team database (a postgres:// URI or keyword connection string) instead of the local store.</summary>
    [Parameter]
    public string? Database { get; set; }

    [Parameter(Position = 0), ArgumentCompleter(typeof(SystemNameCompleter))]
    public string? System { get; set; }

    [Parameter, ArgumentCompleter(typeof(ContextCompleter))]
    public string? Context { get; set; }

    [Parameter, ArgumentCompleter(typeof(ModelCompleter))]
    public string? Model { get; set; }

    /// <summary>Sessions whose last activity is at or after this instant.</summary>
    [Parameter, TimestampTransformation]
    public DateTimeOffset? Since { get; set; }

    /// <summary>Sessions whose last activity is before this instant.</summary>
    [Parameter, TimestampTransformation]
    public DateTimeOffset? Until { get; set; }

    [Parameter, ArgumentCompleter(typeof(SessionIdCompleter))]
    public string? SessionId { get; set; }

    protected override void ProcessRecord()
    {
        CheckWindow(Since, Until);
        var database = OpenTeamDatabase();
        var store = database is null ? OpenStore() : null;
        try
        {
            var query = new SessionQuery
            {
                System = database is null ? ResolveSystem(store!, System) : ResolveSystem(database, System),
                Context = Context, Model = Model, Since = Since, Until = Until, SessionId = SessionId,
            };
            var sessions = database is null ? store!.StreamSessions(query) : Sync.TeamRows.StreamSessions(database, query, w => WriteWarning(w.ToString()));
            foreach (var session in sessions)
            {
                WriteObject(session);
            }
        }
        catch (Exception ex) when (IsTelemetryError(ex))
        {
            ThrowTerminatingError(ToErrorRecord(ex, Root));
        }
    }
}
