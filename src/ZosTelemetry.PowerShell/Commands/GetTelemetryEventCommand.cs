// Get-TelemetryEvent: streams the stored events that match, oldest first, as they are read.
using System.Management.Automation;
using ZosTelemetry.Events;
using ZosTelemetry.PowerShell.Binding;
using ZosTelemetry.PowerShell.Completion;
using ZosTelemetry.Store;

namespace ZosTelemetry.PowerShell.Commands;

[Cmdlet(VerbsCommon.Get, "TelemetryEvent", HelpUri = HelpLinks.Root + "Get-TelemetryEvent.md")]
[OutputType(typeof(TelemetryEvent))]
public sealed class GetTelemetryEventCommand : TelemetryCommandBase
{
    [Parameter(Position = 0), ArgumentCompleter(typeof(SessionIdCompleter))]
    public string? SessionId { get; set; }

    [Parameter, ArgumentCompleter(typeof(SystemNameCompleter))]
    public string? System { get; set; }

    [Parameter, ArgumentCompleter(typeof(KindCompleter))]
    public string? Kind { get; set; }

    /// <summary>Events at or after this instant.</summary>
    [Parameter, TimestampTransformation]
    public DateTimeOffset? Since { get; set; }

    /// <summary>Events before this instant.</summary>
    [Parameter, TimestampTransformation]
    public DateTimeOffset? Until { get; set; }

    protected override void BeginProcessing() => TypeMembers.EventTimestamp.Register(this);

    protected override void ProcessRecord()
    {
        CheckWindow(Since, Until);
        var store = OpenStore();
        try
        {
            var query = new EventQuery { SessionId = SessionId, System = ResolveSystem(store, System), Kind = Kind, Since = Since, Until = Until };

            // ReadEvents is lazy: each event goes down the pipeline before the next line is read, so memory stays flat
            // and `| Select-Object -First 5` stops the read early.
            foreach (var e in store.ReadEvents(query))
            {
                WriteObject(e);
            }
        }
        catch (Exception ex) when (IsTelemetryError(ex))
        {
            ThrowTerminatingError(ToErrorRecord(ex, Root));
        }
    }
}
