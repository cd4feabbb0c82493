#
# Module manifest for ZosTelemetry. It sits at the repository root so that `Import-Module ./ZosTelemetry.psd1`
# works straight after `dotnet build` (which copies the assemblies into module/bin). Exports are listed
# explicitly: no wildcards, so the module's surface is what this file says and command discovery stays fast.
#
@{
    RootModule             = 'module/bin/ZosTelemetry.PowerShell.dll'
    ModuleVersion          = '0.1.0'
    GUID                   = '96d97074-61aa-453c-ab6d-24294a8efd48'
    Author                 = 'ZosTelemetry contributors'
    CompanyName            = 'ZosTelemetry'
    Copyright              = 'Copyright (c) 2026 ZosTelemetry contributors'
    Description            = 'Content-free telemetry of AI assistant sessions: corrections per session, turns, tokens and cost, compared between systems with confidence intervals. Stores counts and short markers, never message text.'
    PowerShellVersion      = '7.4'
    CompatiblePSEditions   = @('Core')

    # Imported before RootModule: loads ZosTelemetry.Core precompiled for this platform and runtime when the package
    # carries an image for it (precompiled/); otherwise Core, beside the cmdlets' assembly, is loaded as IL.
    NestedModules          = @('module/bin/ZosTelemetry.Loader.dll')
    FormatsToProcess       = @('module/ZosTelemetry.format.ps1xml')

    CmdletsToExport        = @(
        'Add-TelemetryEvent'
        'Close-TelemetrySession'
        'Compare-TelemetrySystem'
        'Get-TelemetryDailySummary'
        'Get-TelemetryDailyUsage'
        'Get-TelemetryEvent'
        'Get-TelemetryMonthlyUsage'
        'Get-TelemetrySession'
        'Measure-TelemetryDetector'
        'Merge-TelemetryStore'
        'Sync-TelemetryStore'
        'Get-TelemetrySessionUsage'
        'Import-TelemetryLog'
        'Test-TelemetryCorrection'
        'Get-TelemetrySavings'
        'Compare-TelemetryPeriod'
        'Remove-TelemetryData'
        'Clear-TelemetryStore'
        'Test-TelemetryStore'
        'Repair-TelemetryStore'
        'Get-TelemetryAlert'
        'Get-TelemetryModelScore'
        'Get-TelemetryErrorSummary'
        'New-TelemetrySnapshot'
        'Get-TelemetrySnapshot'
        'Compare-TelemetrySnapshot'
        'Test-TelemetrySuggestion'
        'ConvertTo-TelemetryReport'
        'Out-TelemetryReport'
        'Get-TelemetrySchema'
        'Export-TelemetryMetric'
    )
    FunctionsToExport      = @()
    AliasesToExport        = @()
    VariablesToExport      = @()

    PrivateData            = @{
        PSData = @{
            Tags         = @('telemetry', 'AI', 'LLM', 'assistant', 'metrics', 'privacy', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/zos-telemetry/ZosTelemetry'
            LicenseUri   = 'https://github.com/zos-telemetry/ZosTelemetry/blob/main/LICENSE'
            ReleaseNotes = @'
0.1.0
- First release of the schema-1 store shared with the zos-telemetry CLI, content-free by construction.
- Capture: Add-TelemetryEvent (-MarkText stores the detector's markers only; CSV, JSON and the CLI export read back),
  Close-TelemetrySession, Import-TelemetryLog (Claude Code and Codex logs), Test-TelemetryCorrection (detector v2,
  eight languages and the repeat signal; v1 selectable), Measure-TelemetryDetector (precision, recall, F1 per language).
- Agent runs: tool calls, errors and outcomes on events; Get-TelemetryAlert (loops, stalls, cost spikes, error bursts),
  Get-TelemetryModelScore, Get-TelemetryErrorSummary.
- Reading: Get-TelemetryEvent, Get-TelemetrySession (newest closed first), Get-TelemetryDailySummary.
- Usage and cost: Get-TelemetryDailyUsage, Get-TelemetryMonthlyUsage, Get-TelemetrySessionUsage, Get-TelemetrySavings;
  one cost rule everywhere (a recorded cost wins; else tokens x the price table; unpriced only without a price).
- Comparison: Compare-TelemetrySystem (A/B with 95% intervals), Compare-TelemetryPeriod; the HTML report
  (ConvertTo-TelemetryReport, Out-TelemetryReport).
- Quality snapshots: New-TelemetrySnapshot, Get-TelemetrySnapshot, Compare-TelemetrySnapshot, Test-TelemetrySuggestion.
- Contracts: Get-TelemetrySchema (the registry of row types, families, sensitivity and transmission classes).
- Team store: Sync-TelemetryStore pushes a store's rows once into a PostgreSQL database (-Init creates its schema and
  roles); the reading cmdlets take -Database instead of -Root. Npgsql loads only then, in a load context of its own.
- Teams: Export-TelemetryMetric (closed sessions as OTLP metrics to an OpenTelemetry receiver, each session once).
- Store care: Merge-TelemetryStore, Test-TelemetryStore, Repair-TelemetryStore, Remove-TelemetryData,
  Clear-TelemetryStore; -WhatIf, -Verbose, Write-Progress and tab completion throughout.
'@
        }
    }
}
