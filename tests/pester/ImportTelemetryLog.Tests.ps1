# Import-TelemetryLog and the usage cmdlets over the fixtures in tests/data/import: what is imported, that importing
# again adds nothing, -WhatIf, errors, the daily/monthly/session views, and that no text of the logs is stored.
BeforeAll {
    Import-Module "$PSScriptRoot/../../ZosTelemetry.psd1" -Force
    . "$PSScriptRoot/TestSupport.ps1"
    $claudeLogs = Join-Path $PSScriptRoot '../data/import/claude'
    $codexLogs = Join-Path $PSScriptRoot '../data/import/codex'
}

Describe 'Import-TelemetryLog' {
    BeforeEach {
        $parent = New-TestRoot
        $root = Join-Path $parent 'store'
    }

    AfterEach {
        Remove-TestRoot $parent
    }

    It 'imports Claude Code logs and emits what it did' {
        $result = Import-TelemetryLog -Source ClaudeCode -Path $claudeLogs -Root $root

        $result | Should -BeOfType ([ZosTelemetry.Import.ImportResult])
        $result.System | Should -BeExactly 'claude-code'
        $result.Files | Should -Be 4
        $result.EventsAdded | Should -Be 29
        $result.UserTurns | Should -Be 8
        $result.Corrections | Should -Be 2
        $result.ToolFailures | Should -Be 1
        $result.SessionsClosed | Should -Be 3
        @(Get-TelemetrySession -Root $root -System claude-code) | Should -HaveCount 3
    }

    It 'reads the user turns with the detector version asked for' {
        $null = Import-TelemetryLog -Source ClaudeCode -Path $claudeLogs -Root $root -DetectorVersion 1

        $sessions = @(Get-TelemetrySession -Root $root)
        $sessions | Should -Not -BeNullOrEmpty
        $sessions.DetectorVersion | Sort-Object -Unique | Should -Be 1
    }

    It 'adds nothing when the same logs are imported again' {
        $null = Import-TelemetryLog ClaudeCode $claudeLogs -Root $root
        $again = Import-TelemetryLog ClaudeCode $claudeLogs -Root $root

        $again.EventsAdded | Should -Be 0
        $again.FilesRead | Should -Be 0
    }

    It 'imports Codex rollouts' {
        $result = Import-TelemetryLog -Source Codex -Path $codexLogs -Root $root

        $result.System | Should -BeExactly 'codex'
        $result.UserTurns | Should -Be 7
        $result.ToolFailures | Should -Be 2
    }

    It 'writes nothing under -WhatIf' {
        Import-TelemetryLog ClaudeCode $claudeLogs -Root $root -WhatIf

        Test-Path -LiteralPath $root | Should -BeFalse
    }

    It 'reports a missing directory as InvalidTelemetryValue' {
        Import-TelemetryLog ClaudeCode (Join-Path $parent 'nope') -Root $root -ErrorVariable errs -ErrorAction SilentlyContinue

        $errs[0].FullyQualifiedErrorId | Should -BeExactly 'InvalidTelemetryValue,ZosTelemetry.PowerShell.Commands.ImportTelemetryLogCommand'
        Test-Path -LiteralPath $root | Should -BeFalse
    }

    It 'reports LogsNotFound when the default places hold no logs' {
        $saved = $env:CLAUDE_CONFIG_DIR
        try {
            $env:CLAUDE_CONFIG_DIR = Join-Path $parent 'empty-config'
            Import-TelemetryLog ClaudeCode -Root $root -ErrorVariable errs -ErrorAction SilentlyContinue
        }
        finally {
            $env:CLAUDE_CONFIG_DIR = $saved
        }

        $errs[0].FullyQualifiedErrorId | Should -BeExactly 'LogsNotFound,ZosTelemetry.PowerShell.Commands.ImportTelemetryLogCommand'
        $errs[0].CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::ObjectNotFound)
    }

    It 'stores no text, tool output or path from the logs' {
        $null = Import-TelemetryLog ClaudeCode $claudeLogs -Root $root
        $null = Import-TelemetryLog Codex $codexLogs -Root $root

        $stored = (Get-ChildItem -LiteralPath $root -Recurse -File -Force | ForEach-Object { [System.IO.File]::ReadAllText($_.FullName) }) -join "`n"
        $stored | Should -Match 'claude-code'
        foreach ($word in 'Pomegranate7341', 'Tangerine5150', 'Watermelon2424', 'Starfruit7070', 'Saffron9090', 'checkout.py', '/home/user') {
            $stored | Should -Not -Match ([regex]::Escape($word))
        }
    }
}

Describe 'Get-TelemetryDailyUsage, Get-TelemetryMonthlyUsage and Get-TelemetrySessionUsage' {
    BeforeAll {
        $parent = New-TestRoot
        $root = Join-Path $parent 'store'
        $null = Import-TelemetryLog ClaudeCode $claudeLogs -Root $root
        $null = Import-TelemetryLog Codex $codexLogs -Root $root
    }

    AfterAll {
        Remove-TestRoot $parent
    }

    It 'gives one row per day and system in the time zone asked for' {
        $days = @(Get-TelemetryDailyUsage -Root $root -System claude-code -TimeZone UTC)

        $days | Should -HaveCount 3
        $days[0] | Should -BeOfType ([ZosTelemetry.Reports.PeriodUsage])
        $days.Period | Should -Be @('2025-10-01', '2025-10-02', '2025-10-03')
        $days[0].InputTokens | Should -Be 3535
        $days[0].CacheWriteTokens | Should -Be 19700
        [math]::Round($days[0].CostUsd, 6) | Should -Be 0.123205
    }

    It 'moves a late-evening UTC day to the next date in Asia/Tokyo' {
        $days = @(Get-TelemetryDailyUsage -Root $root -System claude-code -TimeZone Asia/Tokyo)

        $days.Period | Should -Be @('2025-10-02', '2025-10-04')
    }

    It 'keeps -Since and -Until inclusive' {
        $days = @(Get-TelemetryDailyUsage -Root $root -TimeZone UTC -Since 2025-10-02 -Until 2025-10-02)

        $days.Period | Sort-Object -Unique | Should -Be '2025-10-02'
    }

    It 'emits one row per model under -Breakdown' {
        $models = @(Get-TelemetryDailyUsage -Root $root -System codex -TimeZone UTC -Since 2025-10-01 -Until 2025-10-01 -Breakdown)

        $models | Should -HaveCount 2
        $models[0] | Should -BeOfType ([ZosTelemetry.Reports.ModelUsage])
        $models.Model | Should -Be @('gpt-5-codex', 'gpt-5')
    }

    It 'sums a month per system' {
        $month = Get-TelemetryMonthlyUsage -Root $root -System codex -TimeZone UTC -Since 2025-10-01

        $month.Period | Should -BeExactly '2025-10'
        $month.InputTokens | Should -Be 14800
    }

    It 'shows each session with its friction' {
        $session = Get-TelemetrySessionUsage -Root $root -TimeZone UTC |
            Where-Object SessionId -EQ '5d0c2a1e-7f3b-4c1a-9e2d-000000000a01'

        $session | Should -BeOfType ([ZosTelemetry.Reports.SessionUsage])
        $session.ToolFailures | Should -Be 1
        $session.ApiErrors | Should -Be 1
        $session.Interrupts | Should -Be 1
    }

    It 'refuses an unknown time zone as InvalidTelemetryValue' {
        { Get-TelemetryDailyUsage -Root $root -TimeZone 'Mars/Olympus_Mons' -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidTelemetryValue,ZosTelemetry.PowerShell.Commands.GetTelemetryDailyUsageCommand'
    }
}
