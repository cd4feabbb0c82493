# Close-TelemetrySession, Get-TelemetrySession and Get-TelemetryDailySummary: summaries from events, errors per
# id, filters, and composition with the standard pipeline cmdlets.
BeforeAll {
    Import-Module "$PSScriptRoot/../../ZosTelemetry.psd1" -Force
    . "$PSScriptRoot/TestSupport.ps1"
    $march = [DateTimeOffset]::new(2024, 3, 1, 10, 0, 0, [TimeSpan]::Zero)
}

Describe 'Close-TelemetrySession' {
    BeforeEach {
        $root = New-TestRoot
        $rows = foreach ($id in 's-1', 's-2') {
            [pscustomobject]@{ SessionId = $id; System = 'alpha'; Kind = 'user_message'; Timestamp = $march; Marker = 'corr.strong.1' }
            [pscustomobject]@{ SessionId = $id; System = 'alpha'; Kind = 'assistant_message'; Timestamp = $march.AddSeconds(90); CostUsd = 0.25; TokensIn = 10; TokensOut = 5 }
        }
        $rows | Add-TelemetryEvent -Root $root
    }

    AfterEach {
        Remove-TestRoot $root
    }

    It 'closes the sessions whose ids are piped in and emits their summaries' {
        $summaries = @('s-1', 's-2' | Close-TelemetrySession -Root $root)

        $summaries | Should -HaveCount 2
        $summaries[0] | Should -BeOfType ([ZosTelemetry.Sessions.SessionSummary])
        $summaries.SessionId | Should -Be @('s-1', 's-2')
        $summaries[0].Turns | Should -Be 2
        $summaries[0].UserTurns | Should -Be 1
        $summaries[0].Corrections | Should -Be 1
        $summaries[0].CostUsd | Should -Be 0.25
        $summaries[0].Tokens | Should -Be 15
        $summaries[0].DurationSeconds | Should -Be 90
    }

    It 'takes many ids in one -SessionId argument' {
        @(Close-TelemetrySession -Root $root -SessionId 's-1', 's-2') | Should -HaveCount 2
    }

    It 'closes each session once when its events are piped in' {
        $summaries = @(Get-TelemetryEvent -Root $root | Close-TelemetrySession -Root $root)

        $summaries.SessionId | Should -Be @('s-1', 's-2')
        @(Get-TelemetrySession -Root $root) | Should -HaveCount 2
    }

    It 'reports an id without events as SessionNotFound and still closes the others' {
        $summaries = @('s-1', 'nope', 's-2' | Close-TelemetrySession -Root $root -ErrorVariable errs -ErrorAction SilentlyContinue)

        $summaries.SessionId | Should -Be @('s-1', 's-2')
        $errs | Should -HaveCount 1
        $errs[0].FullyQualifiedErrorId | Should -BeExactly 'SessionNotFound,ZosTelemetry.PowerShell.Commands.CloseTelemetrySessionCommand'
        $errs[0].CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::ObjectNotFound)
        $errs[0].TargetObject | Should -BeExactly 'nope'
        $errs[0].Exception.Message | Should -Match 'nope'
    }

    It 'reports a malformed id as InvalidTelemetryValue' {
        Close-TelemetrySession -Root $root -SessionId 'not an id' -ErrorVariable errs -ErrorAction SilentlyContinue

        $errs[0].FullyQualifiedErrorId | Should -BeExactly 'InvalidTelemetryValue,ZosTelemetry.PowerShell.Commands.CloseTelemetrySessionCommand'
        $errs[0].TargetObject | Should -BeExactly 'session_id'
    }

    It 'refuses to count by a version that did not read the turns, as DetectorRecountImpossible' {
        $null = Add-TelemetryEvent -Root $root -SessionId 's-3' -System 'alpha' -Kind 'user_message' -Timestamp $march -MarkText 'that is wrong' -DetectorVersion 1

        Close-TelemetrySession -Root $root -SessionId 's-3' -DetectorVersion 2 -ErrorVariable errs -ErrorAction SilentlyContinue

        $errs[0].FullyQualifiedErrorId | Should -BeLike 'DetectorRecountImpossible,*'
        (Close-TelemetrySession -Root $root -SessionId 's-3' -DetectorVersion 1).DetectorVersion | Should -Be 1
    }

    It 'counts a session closed twice once' {
        $null = Close-TelemetrySession -Root $root -SessionId 's-1'
        Add-TelemetryEvent -Root $root -SessionId 's-1' -System 'alpha' -Kind 'user_message' -Timestamp $march.AddMinutes(5)
        $null = Close-TelemetrySession -Root $root -SessionId 's-1'

        $sessions = @(Get-TelemetrySession -Root $root)

        $sessions | Should -HaveCount 1
        $sessions[0].UserTurns | Should -Be 2
    }
}

Describe 'Get-TelemetrySession' {
    BeforeAll {
        $root = New-TestRoot
        $null = Add-TestSession -Root $root -SessionId 'a-1' -System 'alpha' -Corrections 3 -UserTurns 4 -CostUsd 0.30 -Context 'repo-a' -Model 'model-x' -Start $march
        $null = Add-TestSession -Root $root -SessionId 'a-2' -System 'alpha' -Corrections 0 -CostUsd 0.10 -Context 'repo-b' -Model 'model-y' -Start $march.AddDays(1)
        $null = Add-TestSession -Root $root -SessionId 'a-3' -System 'alpha' -Corrections 5 -UserTurns 6 -CostUsd 0.20 -Context 'repo-a' -Model 'model-x' -Start $march.AddDays(2)
        $null = Add-TestSession -Root $root -SessionId 'b-1' -System 'beta' -Corrections 4 -UserTurns 4 -CostUsd 0.05 -Start $march.AddDays(3)
    }

    AfterAll {
        Remove-TestRoot $root
    }

    It 'returns every closed session, newest first' {
        $sessions = @(Get-TelemetrySession -Root $root)

        $sessions | Should -HaveCount 4
        $sessions[0] | Should -BeOfType ([ZosTelemetry.Sessions.SessionSummary])
        $sessions.SessionId | Should -Be @('b-1', 'a-3', 'a-2', 'a-1')
    }

    It 'filters by system, context, model and id' {
        (Get-TelemetrySession -Root $root -System 'beta').SessionId | Should -Be @('b-1')
        (Get-TelemetrySession -Root $root -Context 'repo-a').SessionId | Should -Be @('a-3', 'a-1')
        (Get-TelemetrySession -Root $root -Model 'model-y').SessionId | Should -Be @('a-2')
        (Get-TelemetrySession -Root $root -SessionId 'a-3').SessionId | Should -Be @('a-3')
        Get-TelemetrySession -Root $root -System 'gamma' | Should -BeNullOrEmpty
    }

    It 'filters by last activity, Since inclusive and Until exclusive' {
        (Get-TelemetrySession -Root $root -Since $march.AddDays(2)).SessionId | Should -Be @('b-1', 'a-3')
        (Get-TelemetrySession -Root $root -Until $march.AddDays(1)).SessionId | Should -Be @('a-1')
    }

    It 'composes with Where-Object and Sort-Object' {
        $ids = Get-TelemetrySession -Root $root -System 'alpha' |
            Where-Object Corrections -gt 2 |
            Sort-Object CostUsd |
            ForEach-Object SessionId

        $ids | Should -Be @('a-3', 'a-1')
    }

    It 'exposes the correction rate per user turn' {
        (Get-TelemetrySession -Root $root -SessionId 'a-1').CorrectionRate | Should -Be 0.75
    }
}

Describe 'Get-TelemetryDailySummary' {
    BeforeAll {
        $root = New-TestRoot
        $null = Add-TestSession -Root $root -SessionId 'a-1' -System 'alpha' -Corrections 1 -CostUsd 0.30 -Start $march
        $null = Add-TestSession -Root $root -SessionId 'a-2' -System 'alpha' -Corrections 2 -CostUsd 0.10 -Start $march.AddHours(2)
        $null = Add-TestSession -Root $root -SessionId 'b-1' -System 'beta' -CostUsd 0.05 -Start $march
        $null = Add-TestSession -Root $root -SessionId 'a-3' -System 'alpha' -CostUsd 0.20 -Start $march.AddDays(1)
    }

    AfterAll {
        Remove-TestRoot $root
    }

    It 'rolls events up into one row per UTC day and system' {
        $days = @(Get-TelemetryDailySummary -Root $root)

        $days | Should -HaveCount 3
        $days[0] | Should -BeOfType ([ZosTelemetry.Sessions.DailySummary])
        $days[0].Date | Should -Be ([DateOnly]::new(2024, 3, 1))
        $days[0].System | Should -BeExactly 'alpha'
        $days[0].Sessions | Should -Be 2
        $days[0].Events | Should -Be 8
        $days[0].UserTurns | Should -Be 4
        $days[0].Corrections | Should -Be 3
        $days[0].CostUsd | Should -Be 0.4
        $days[1].System | Should -BeExactly 'beta'
        $days[2].Date | Should -Be ([DateOnly]::new(2024, 3, 2))
    }

    It 'filters by system and time' {
        @(Get-TelemetryDailySummary -Root $root -System 'beta') | Should -HaveCount 1
        @(Get-TelemetryDailySummary -Root $root -Since $march.AddDays(1)) | Should -HaveCount 1
        @(Get-TelemetryDailySummary -Root $root -Until $march.AddDays(1)) | Should -HaveCount 2
    }
}
