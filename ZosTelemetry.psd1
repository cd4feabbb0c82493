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

    # Loaded before the root module so that its types resolve in format views and at the prompt.
    RequiredAssemblies     = @('module/bin/ZosTelemetry.Core.dll')
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
        'Merge-TelemetryStore'
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
- First release: Add-TelemetryEvent, Close-TelemetrySession, Get-TelemetryEvent, Get-TelemetrySession,
  Get-TelemetryDailySummary, Compare-TelemetrySystem and Test-TelemetryCorrection over the schema-1 store
  shared with the zos-telemetry CLI.
- Correction detector version 1 (English, precision first). -MarkText stores the detector's markers only.
'@
        }
    }
}
