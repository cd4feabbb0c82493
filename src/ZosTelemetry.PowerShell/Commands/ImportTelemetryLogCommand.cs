// Import-TelemetryLog: reads Claude Code or Codex logs into the store, content-free, with Write-Progress; Ctrl+C stops
// after the group of files in flight, keeping what was imported. Importing twice adds nothing, so it asks no
// confirmation, but -WhatIf shows what would be read.
using System.Management.Automation;
using ZosTelemetry.Import;

namespace ZosTelemetry.PowerShell.Commands;

[Cmdlet(VerbsData.Import, "TelemetryLog", HelpUri = HelpLinks.Root + "Import-TelemetryLog.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(ImportResult))]
public sealed class ImportTelemetryLogCommand : TelemetryCommandBase
{
    public const string LogsNotFoundErrorId = "LogsNotFound";

    private readonly CancellationTokenSource cancel = new();

    [Parameter(Mandatory = true, Position = 0)]
    public LogSource Source { get; set; }

    /// <summary>Directories to read instead of the defaults (CLAUDE_CONFIG_DIR, ~/.claude, ~/.config/claude; CODEX_HOME, ~/.codex).</summary>
    [Parameter(Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true), Alias("FullName")]
    public string[]? Path { get; set; }

    [Parameter]
    public CostMode CostMode { get; set; } = CostMode.Auto;

    /// <summary>The correction detector version that reads the user turns (1 keeps stores comparable with version 1's).</summary>
    [Parameter, ValidateRange(Detection.CorrectionDetector.MinVersion, Detection.CorrectionDetector.Version)]
    public int DetectorVersion { get; set; } = Detection.CorrectionDetector.Version;

    /// <summary>Sessions idle for longer than this many minutes are closed.</summary>
    [Parameter, ValidateRange(1, 525600)]
    public int IdleMinutes { get; set; } = (int)ImportOptions.DefaultIdleGap.TotalMinutes;

    protected override ErrorCategory StoreErrorCategory => ErrorCategory.WriteError;

    protected override void ProcessRecord()
    {
        string[]? paths = Path?.Select(p => SessionState.Path.GetUnresolvedProviderPathFromPSPath(p)).ToArray();
        string target = paths is { Length: > 0 } ? string.Join(", ", paths) : $"the default {LogSources.SystemName(Source)} log directories";
        var store = OpenStore();
        if (!ShouldProcess(target, $"Import {LogSources.SystemName(Source)} logs into {store.Root}"))
        {
            return;
        }

        try
        {
            var result = LogImporter.Import(store, new ImportOptions
            {
                Source = Source,
                Paths = paths,
                CostMode = CostMode,
                DetectorVersion = DetectorVersion,
                IdleGap = TimeSpan.FromMinutes(IdleMinutes),
                Progress = p => WriteProgress(new ProgressRecord(1, $"Importing {p.System} logs", $"{p.FilesDone} of {p.FilesTotal} files") { PercentComplete = p.Percent }),
                Warning = WriteWarning,
            }, cancel.Token);
            WriteProgress(new ProgressRecord(1, $"Importing {result.System} logs", "Done") { RecordType = ProgressRecordType.Completed });
            foreach (var (model, events) in result.UnpricedModels)
            {
                WriteWarning($"No price for model '{model}' ({events} events): their cost is unknown.");
            }

            WriteObject(result);
        }
        catch (LogsNotFoundException ex)
        {
            WriteError(new ErrorRecord(ex, LogsNotFoundErrorId, ErrorCategory.ObjectNotFound, target));
        }
        catch (Exception ex) when (IsTelemetryError(ex) || ex is ArgumentException)
        {
            WriteError(ToErrorRecord(ex, target));
        }
    }

    protected override void StopProcessing() => cancel.Cancel();

    protected override void EndProcessing() => cancel.Dispose();
}
