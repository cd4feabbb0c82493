# Agent runs as users call them: Add-TelemetryEvent's agent parameters and -ErrorText, Close-TelemetrySession -Outcome,
# Get-TelemetryAlert, Get-TelemetryModelScore, Get-TelemetryErrorSummary and the new rows of Compare-TelemetrySystem;
# typed objects with views, stable error ids, and no error text anywhere under the store root.
BeforeAll {
    Import-Module "$PSScriptRoot/../../ZosTelemetry.psd1" -Force
    . "$PSScriptRoot/TestSupport.ps1"
    $t0 = [DateTimeOffset]::new(2026, 6, 10, 9, 0, 0, [TimeSpan]::Zero)

    function Add-Run([string] $root, [string] $id, [string] $system, [string] $variant, [string] $outcome, [int] $loop = 2) {
        Add-TelemetryEvent -Root $root -SessionId $id -System $system -Kind session_start -Attempt 1 -Variant $variant -Timestamp $t0
        for ($i = 0; $i -lt $loop; $i++) {
            Add-TelemetryEvent -Root $root -SessionId $id -System $system -Kind tool_call -Tool Bash -Timestamp $t0.AddSeconds(10 * $i + 10)
        }
        Add-TelemetryEvent -Root $root -SessionId $id -System $system -Kind tool_result -Tool Bash -Ok $false -Timestamp $t0.AddSeconds(200)
        Add-TelemetryEvent -Root $root -SessionId $id -System $system -Kind error -ErrorText "Error: 429 Too Many Requests zqpesterzz$id" -Timestamp $t0.AddSeconds(210)
        Add-TelemetryEvent -Root $root -SessionId $id -System $system -Kind session_end -Outcome $outcome -Attempt 1 -Variant $variant -Timestamp $t0.AddSeconds(240)
    }
}

Describe 'Agent runs' {
    BeforeEach {
        $root = New-TestRoot
    }

    AfterEach {
        Remove-TestRoot $root
    }

    It 'summarises tool failures, errors and the outcome at close, and stores no error text' {
        Add-Run $root 'ci-1' 'ci-agent' 'v1' 'success'

        $s = Close-TelemetrySession -Root $root -SessionId 'ci-1'

        $s | Should -BeOfType ([ZosTelemetry.Sessions.SessionSummary])
        $s.ToolCalls | Should -Be 2
        $s.ToolFailures | Should -Be 1
        $s.Errors | Should -BeExactly 'rate_limit=1'
        $s.Outcome | Should -BeExactly 'success'
        $s.FirstShotSuccess | Should -BeTrue
        $s.Alerts | Should -Be 0
        $stored = (Get-ChildItem $root -File -Recurse | ForEach-Object { Get-Content -Raw $_.FullName }) -join "`n"
        $stored | Should -Not -Match 'zqpesterzz'
        $stored | Should -Not -Match 'Too Many'
    }

    It 'takes -Outcome and -Attempts at close where no session_end said them' {
        Add-TelemetryEvent -Root $root -SessionId 'ci-2' -System 'ci-agent' -Kind tool_call -Tool Read -Timestamp $t0
        $s = Close-TelemetrySession -Root $root -SessionId 'ci-2' -Outcome failure -Attempts 2
        $s.Outcome | Should -BeExactly 'failure'
        $s.Attempts | Should -Be 2
    }

    It 'refuses an error category outside the list with a stable error id' {
        Add-TelemetryEvent -Root $root -SessionId 'ci-3' -System 'ci-agent' -Kind error -ErrorCategory network -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -BeLike 'InvalidTelemetryValue,*'
        $err[0].TargetObject | Should -BeExactly 'network'
        @(Get-TelemetryEvent -Root $root) | Should -HaveCount 0
    }

    It 'returns the loop alert a close wrote, as a typed object with a view' {
        Add-Run $root 'ci-4' 'ci-agent' 'v1' 'failure' -loop 9
        Close-TelemetrySession -Root $root -SessionId 'ci-4' | Out-Null

        $alerts = @(Get-TelemetryAlert -Root $root)

        $alerts | Should -HaveCount 1
        $alerts[0] | Should -BeOfType ([ZosTelemetry.Alerts.TelemetryAlert])
        $alerts[0].Type | Should -BeExactly 'loop'
        $alerts[0].Count | Should -Be 9
        $alerts[0].Tool | Should -BeExactly 'Bash'
        ($alerts | Format-Table | Out-String -Width 120) | Should -Match '9 calls of Bash in a row'
        @(Get-TelemetryAlert -Root $root -LoopCalls 10) | Should -HaveCount 0
    }

    It 'raises no alert on ordinary runs' {
        1..5 | ForEach-Object { Add-Run $root "ok-$_" 'ci-agent' 'v1' 'success'; Close-TelemetrySession -Root $root -SessionId "ok-$_" | Out-Null }
        @(Get-TelemetryAlert -Root $root) | Should -HaveCount 0
    }

    It 'ranks variants by score with the Wilson interval and flags small groups' {
        1..3 | ForEach-Object { Add-Run $root "a-$_" 'ci-agent' 'v-a' 'success' }
        1..3 | ForEach-Object { Add-Run $root "b-$_" 'ci-agent' 'v-b' ($(if ($_ -eq 1) { 'success' } else { 'failure' })) }
        Get-TelemetryEvent -Root $root | Select-Object -ExpandProperty SessionId -Unique | Close-TelemetrySession -Root $root | Out-Null

        $scores = @(Get-TelemetryModelScore -By Variant -Root $root)

        $scores | Should -HaveCount 2
        $scores[0] | Should -BeOfType ([ZosTelemetry.Scores.ModelScore])
        $scores[0].Group | Should -BeExactly 'v-a'
        $scores[0].Rank | Should -Be 1
        $scores[0].SuccessRate | Should -Be 1
        $scores[0].SuccessLow | Should -BeLessThan 1
        $scores[0].SmallSample | Should -BeTrue
        ($scores | Format-Table | Out-String) | Should -Match 'v-b'
    }

    It 'summarises errors per day and the recurring fingerprints' {
        1..3 | ForEach-Object { Add-Run $root "e-$_" 'ci-agent' 'v1' 'success' }

        $days = @(Get-TelemetryErrorSummary -Root $root)
        $days | Should -HaveCount 1
        $days[0] | Should -BeOfType ([ZosTelemetry.Errors.ErrorDayRow])
        $days[0].Category | Should -BeExactly 'rate_limit'
        $days[0].Errors | Should -Be 3

        $prints = @(Get-TelemetryErrorSummary -Root $root -Fingerprint)
        $prints | Should -HaveCount 1
        $prints[0].Count | Should -Be 3
        $prints[0].Sessions | Should -Be 3
    }

    It 'compares systems with the agent-run rows' {
        1..3 | ForEach-Object { Add-Run $root "x-$_" 'agent-x' 'v1' 'success'; Add-Run $root "y-$_" 'agent-y' 'v1' 'failure' }
        Get-TelemetryEvent -Root $root | Select-Object -ExpandProperty SessionId -Unique | Close-TelemetrySession -Root $root | Out-Null

        $report = Compare-TelemetrySystem agent-x agent-y -Root $root
        $success = $report.Metrics | Where-Object Metric -eq 'success_rate'
        $success.MeanA | Should -Be 1
        $success.MeanB | Should -Be 0
        ($report.Metrics.Metric) | Should -Contain 'alerts_per_session'
    }
}
