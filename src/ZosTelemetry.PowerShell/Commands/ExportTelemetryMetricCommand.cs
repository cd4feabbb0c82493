// Export-TelemetryMetric: sends the store's closed sessions not sent yet to an OTLP/HTTP receiver as metrics, each
// session once (a cursor in the store), content-free (docs/otlp.md has the mapping). It says how many sessions it
// will send before asking; -WhatIf sends nothing and emits what would go; -Verbose tells each request and retry.
// Request headers (a backend's API key) come from $env:OTEL_EXPORTER_OTLP_METRICS_HEADERS or OTEL_EXPORTER_OTLP_HEADERS.
using System.Globalization;
using System.Management.Automation;
using ZosTelemetry.Otlp;
using ZosTelemetry.PowerShell.Completion;

namespace ZosTelemetry.PowerShell.Commands;

[Cmdlet(VerbsData.Export, "TelemetryMetric", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Root + "Export-TelemetryMetric.md")]
[OutputType(typeof(OtlpExportResult))]
public sealed class ExportTelemetryMetricCommand : TelemetryCommandBase
{
    private const string ReceiverErrorId = "OtlpReceiverFailed";

    /// <summary>The receiver: http(s)://host:port (the metrics path /v1/metrics is added) or a full metrics URL.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    public string Endpoint { get; set; } = "";

    [Parameter, ArgumentCompleter(typeof(SystemNameCompleter))]
    public string? System { get; set; }

    [Parameter, ValidateRange(1, 3600)]
    public int TimeoutSec { get; set; } = 30;

    protected override ErrorCategory StoreErrorCategory => ErrorCategory.WriteError;

    /// <summary>True when ShouldProcess will show its action: under -WhatIf, -Confirm or a $ConfirmPreference of Medium or lower.</summary>
    private bool Asks => WhatIfRequested || (MyInvocation.BoundParameters.TryGetValue("Confirm", out object? confirm)
        ? LanguagePrimitives.IsTrue(confirm)
        : GetVariableValue("ConfirmPreference") is ConfirmImpact preference && preference <= ConfirmImpact.Medium && preference != ConfirmImpact.None);

    protected override void ProcessRecord()
    {
        var store = OpenStore();
        try
        {
            var options = new OtlpExportOptions { System = ResolveSystem(store, System), Timeout = TimeSpan.FromSeconds(TimeoutSec), Headers = OtlpHeaders.FromEnvironment() };
            // The dry run that counts what would go reads the whole store: only when -WhatIf or a prompt will show it.
            var plan = Asks ? new OtlpExporter(store, new OtlpExportOptions { System = options.System, DryRun = true }).Export(Endpoint) : null;
            string action = plan is null ? "Send the closed sessions not sent yet as OTLP metrics"
                : string.Create(CultureInfo.InvariantCulture, $"Send {plan.Sessions} closed session(s) as {plan.DataPoints} OTLP data point(s) ({plan.AlreadySent} already sent)");
            if (ShouldProcess(plan?.Endpoint ?? OtlpEndpoint.Parse(Endpoint).Display, action))
            {
                var result = new OtlpExporter(store, options).Export(Endpoint);
                if (result.RejectedDataPoints > 0)
                {
                    WriteWarning(string.Create(CultureInfo.InvariantCulture, $"The receiver rejected {result.RejectedDataPoints} data point(s){(result.ReceiverMessage is null ? "" : ": " + result.ReceiverMessage)}; OTLP says not to send them again."));
                }

                WriteObject(result);
            }
            else if (WhatIfRequested)
            {
                WriteObject(plan);
            }
        }
        catch (OtlpExportException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, ReceiverErrorId, ex.StatusCode is null ? ErrorCategory.ConnectionError : ErrorCategory.InvalidResult, Endpoint));
        }
        catch (Exception ex) when (IsTelemetryError(ex) || ex is ArgumentException)
        {
            ThrowTerminatingError(ToErrorRecord(ex, ex is ArgumentException ? Endpoint : Root));
        }
    }
}
