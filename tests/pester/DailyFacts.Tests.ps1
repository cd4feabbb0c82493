# The daily facts as a PowerShell user meets them: the first Get-TelemetryDailyUsage keeps them beside the store
# (.index/events-YYYY-MM.facts, private), later ones read them and return the same rows, an append is counted at once,
# no field that could hold content reaches them, and Test-TelemetryStore / Repair-TelemetryStore keep the facts of a
# month that only grew by appends (the next read resumes them) while they report and delete really stale ones.
BeforeAll {
    Import-Module "$PSScriptRoot/../../ZosTelemetry.psd1" -Force
    . "$PSScriptRoot/TestSupport.ps1"
    $start = [DateTimeOffset]::new(2026, 3, 30, 20, 0, 0, [TimeSpan]::Zero)
}

Describe 'Daily facts behind Get-TelemetryDailyUsage and Get-TelemetryMonthlyUsage' {
    BeforeAll {
        $root = New-TestRoot
        foreach ($i in 0..47) {
            $ts = $start.AddMinutes(37 * $i)
            Add-TelemetryEvent -Root $root -SessionId "zq7canary-s$($i % 5)" -System ('alpha', 'beta')[$i % 2] -Kind 'assistant_message' `
                -Timestamp $ts -Model 'claude-haiku-4-5' -TokensIn (100 * $i) -TokensOut 10 -Context 'zq7canaryctx'
        }
    }

    It 'returns the same rows from the facts as from the rows, in a +05:45 and a -09:30 zone' -ForEach @(
        @{ Zone = 'Asia/Kathmandu' }, @{ Zone = 'Pacific/Marquesas' }
    ) {
        Remove-Item -LiteralPath (Join-Path $root '.index') -Recurse -Force -ErrorAction SilentlyContinue
        $folded = Get-TelemetryDailyUsage -Root $root -TimeZone $Zone -Breakdown | ConvertTo-Json -Depth 4
        $facts = @(Get-ChildItem -LiteralPath (Join-Path $root '.index') -Filter 'events-*.facts')

        $again = Get-TelemetryDailyUsage -Root $root -TimeZone $Zone -Breakdown | ConvertTo-Json -Depth 4
        $monthly = Get-TelemetryMonthlyUsage -Root $root -TimeZone $Zone

        $facts.Count | Should -Be 2
        $again | Should -BeExactly $folded
        ($monthly | Measure-Object -Property InputTokens -Sum).Sum | Should -Be (100 * (47 * 48 / 2))
    }

    It 'keeps the facts private and free of content' {
        Get-TelemetryDailyUsage -Root $root -TimeZone UTC | Out-Null

        foreach ($file in Get-ChildItem -LiteralPath (Join-Path $root '.index') -Filter 'events-*.facts') {
            if (-not $IsWindows) { $file.UnixFileMode | Should -Be ([System.IO.UnixFileMode]'UserRead, UserWrite') }
            [System.IO.File]::ReadAllText($file.FullName, [System.Text.Encoding]::Latin1) | Should -Not -Match 'zq7canary'
        }
    }

    It 'counts an event appended after the facts were kept' {
        $before = (Get-TelemetryDailyUsage -Root $root -TimeZone UTC | Measure-Object -Property OutputTokens -Sum).Sum

        Add-TelemetryEvent -Root $root -SessionId 'late' -System 'alpha' -Kind 'assistant_message' -Timestamp $start.AddDays(1) `
            -Model 'claude-haiku-4-5' -TokensOut 1000
        $after = (Get-TelemetryDailyUsage -Root $root -TimeZone UTC | Measure-Object -Property OutputTokens -Sum).Sum

        $after | Should -Be ($before + 1000)
    }

    It 'calls the facts of a month that grew by appends healthy, and Repair-TelemetryStore keeps them' {
        Get-TelemetryDailyUsage -Root $root -TimeZone UTC | Out-Null
        $facts = @(Get-ChildItem -LiteralPath (Join-Path $root '.index') -Filter 'events-*.facts' | Sort-Object Name)[-1].FullName
        Add-TelemetryEvent -Root $root -SessionId 'later' -System 'beta' -Kind 'assistant_message' -Timestamp $start.AddDays(1).AddHours(1) `
            -Model 'claude-haiku-4-5' -TokensOut 5

        $verbose = Test-TelemetryStore -Root $root -Verbose 4>&1
        Repair-TelemetryStore -Root $root -Confirm:$false

        @($verbose | Where-Object { $_ -is [ZosTelemetry.Store.StoreFileReport] -and $_.Path -eq $facts }).Count | Should -Be 0
        ($verbose | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n" |
            Should -Match 'brought up to date on the next read'
        Test-Path -LiteralPath $facts | Should -BeTrue
    }

    It 'reports the facts of a month whose events file was rewritten, and Repair-TelemetryStore deletes them' {
        Get-TelemetryDailyUsage -Root $root -TimeZone UTC | Out-Null
        $facts = @(Get-ChildItem -LiteralPath (Join-Path $root '.index') -Filter 'events-*.facts' | Sort-Object Name)[-1].FullName
        $events = Join-Path $root ([System.IO.Path]::GetFileNameWithoutExtension($facts) + '.jsonl')
        $lines = [System.IO.File]::ReadAllLines($events)
        [System.IO.File]::WriteAllLines($events, [string[]]($lines[($lines.Count - 1)..0]))

        $stale = Test-TelemetryStore -Root $root | Where-Object Path -eq $facts
        Repair-TelemetryStore -Root $root -Confirm:$false

        $stale.Kind | Should -Be 'Leftover'
        $stale.Problem | Should -Match 'daily facts'
        Test-Path -LiteralPath $facts | Should -BeFalse
    }
}
