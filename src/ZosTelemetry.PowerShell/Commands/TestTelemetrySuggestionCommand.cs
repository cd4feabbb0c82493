// Test-TelemetrySuggestion: the suggestion guardrail for one UTC day. One result per system active that day (or the
// -System given), with its count of suggestion events; with -ModelLoaded, a system that surfaced none on an active day
// is a warning: its result has Warning = $true and the message also goes to the warning stream. Checking fills
// suggestions_per_day of that day's snapshots.
using System.Management.Automation;
using ZosTelemetry.PowerShell.Completion;
using ZosTelemetry.Snapshots;

namespace ZosTelemetry.PowerShell.Commands;

[Cmdlet(VerbsDiagnostic.Test, "TelemetrySuggestion", HelpUri = HelpLinks.Root + "Test-TelemetrySuggestion.md")]
[OutputType(typeof(SuggestionCheck))]
public sealed class TestTelemetrySuggestionCommand : TelemetryCommandBase
{
    /// <summary>The day to check; its date part is taken as a UTC day.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    public DateTime Date { get; set; }

    [Parameter, ArgumentCompleter(typeof(SystemNameCompleter))]
    public string? System { get; set; }

    [Parameter]
    public SwitchParameter ModelLoaded { get; set; }

    protected override ErrorCategory StoreErrorCategory => ErrorCategory.WriteError;

    protected override void ProcessRecord()
    {
        try
        {
            foreach (var check in SuggestionGuardrail.Check(OpenStore(), DateOnly.FromDateTime(Date), ModelLoaded, System))
            {
                if (check.Warning)
                {
                    WriteWarning(check.Message);
                }

                WriteObject(check);
            }
        }
        catch (Exception ex) when (IsTelemetryError(ex))
        {
            ThrowTerminatingError(ToErrorRecord(ex, ex is Events.TelemetryValidationException ? System : Root));
        }
    }
}
