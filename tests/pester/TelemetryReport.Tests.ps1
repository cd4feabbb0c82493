# ConvertTo-TelemetryReport -Html and Out-TelemetryReport as users call them: the report object and its page, systems
# by position, refusals with stable ids, escaping, the default display, files written whole, and -Open/-Show through
# $env:ZOS_OPEN_COMMAND (a stand-in that records the path instead of launching a browser).
BeforeAll {
    Import-Module "$PSScriptRoot/../../ZosTelemetry.psd1" -Force
    . "$PSScriptRoot/TestSupport.ps1"
    $march = [DateTimeOffset]::new(2024, 3, 1, 10, 0, 0, [TimeSpan]::Zero)
}

Describe 'ConvertTo-TelemetryReport -Html' {
    BeforeAll {
        $root = New-TestRoot
        for ($i = 0; $i -lt 4; $i++) {
            $null = Add-TestSession -Root $root -SessionId "a-$i" -System 'alpha' -Corrections ($i % 2) -UserTurns 3 -Model 'claude-sonnet-4-5' -Start $march.AddDays($i)
            $null = Add-TestSession -Root $root -SessionId "b-$i" -System 'beta' -Corrections 1 -UserTurns 2 -Model 'gpt-5' -Start $march.AddDays($i)
        }
    }

    AfterAll {
        Remove-TestRoot $root
    }

    It 'returns the report with its page, sections and charts' {
        $report = ConvertTo-TelemetryReport -Html -Root $root

        $report | Should -BeOfType ([ZosTelemetry.Reports.Html.HtmlReportResult])
        $report.Html | Should -BeLike '<!DOCTYPE html>*'
        $report.Sections | Should -Be @('head-to-head', 'trends', 'cost', 'alerts', 'scores', 'snapshot-drift')
        $report.Charts | Should -HaveCount 13
        $report.Systems | Should -Be @('alpha', 'beta')
        $report.Sessions | Should -Be 8
        $report.Bytes | Should -Be ([System.Text.Encoding]::UTF8.GetByteCount($report.Html))
        "$report" | Should -BeExactly $report.Html
    }

    It 'takes one or two systems by position' {
        $one = ConvertTo-TelemetryReport 'beta' -Html -Root $root
        $one.Systems | Should -Be @('beta')
        $one.Charts | Should -Not -Contain 'h2h-corrections_per_session'

        $two = ConvertTo-TelemetryReport 'beta', 'alpha' -Html -Root $root -WindowDays 36500
        $two.Systems | Should -Be @('beta', 'alpha')
        $two.WindowDays | Should -Be 36500
    }

    It 'refuses three systems, a window of zero days and the same system twice' {
        { ConvertTo-TelemetryReport -Html -Root $root -System a, b, c } | Should -Throw -ErrorId 'ParameterArgumentValidationError,ZosTelemetry.PowerShell.Commands.ConvertToTelemetryReportCommand'
        { ConvertTo-TelemetryReport -Html -Root $root -WindowDays 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,ZosTelemetry.PowerShell.Commands.ConvertToTelemetryReportCommand'
        { ConvertTo-TelemetryReport -Html -Root $root -System alpha, alpha } | Should -Throw -ErrorId 'InvalidTelemetryValue,ZosTelemetry.PowerShell.Commands.ConvertToTelemetryReportCommand'
    }

    It 'stops with InvalidPriceFile on a price file that is not one' {
        $bad = Join-Path $TestDrive 'prices.json'
        Set-Content -LiteralPath $bad -Value 'not json'
        { ConvertTo-TelemetryReport -Html -Root $root -PriceFile $bad } | Should -Throw -ErrorId 'InvalidPriceFile,ZosTelemetry.PowerShell.Commands.ConvertToTelemetryReportCommand'
    }

    It 'escapes a system name that is markup' {
        $report = ConvertTo-TelemetryReport -Html -Root $root -System '<script>alert(1)</script>', 'alpha'

        $report.Html | Should -Not -Match '<script'
        $report.Html | Should -Match ([regex]::Escape('&lt;script&gt;alert(1)&lt;/script&gt;'))
    }

    It 'shows a one-line table by default' {
        $text = ConvertTo-TelemetryReport -Html -Root $root | Out-String -Width 120

        $text | Should -Match 'Systems\s+Window\s+Sessions\s+Sections\s+Charts\s+KB\s+GeneratedAt'
        $text | Should -Match 'alpha, beta\s+all\s+8\s+6\s+13'
        ($text -split "`n" | Where-Object { $_.Length -gt 120 }) | Should -BeNullOrEmpty
    }

    It 'puts no user text on the page' {
        $canaryRoot = New-TestRoot
        try {
            foreach ($n in 1..6) {
                foreach ($system in 'alpha', 'beta') {
                    Add-TelemetryEvent -Root $canaryRoot -SessionId "$system-$n" -System $system -Kind user_message -MarkText "no, that's wrong, zqxcanary$n must stay"
                    Add-TelemetryEvent -Root $canaryRoot -SessionId "$system-$n" -System $system -Kind assistant_message -Model 'gpt-5' -TokensIn 100 -TokensOut 10
                    $null = Close-TelemetrySession -Root $canaryRoot -SessionId "$system-$n"
                }
            }

            $report = ConvertTo-TelemetryReport -Html -Root $canaryRoot
            $report.Charts.Count | Should -BeGreaterThan 0
            $report.Html | Should -Not -Match 'zqxcanary'
        }
        finally {
            Remove-TestRoot $canaryRoot
        }
    }
}

Describe 'Out-TelemetryReport' {
    BeforeAll {
        $root = New-TestRoot
        $null = Add-TestSession -Root $root -SessionId 'a-1' -System 'alpha' -Start $march
        $null = Add-TestSession -Root $root -SessionId 'b-1' -System 'beta' -Start $march
        $report = ConvertTo-TelemetryReport -Html -Root $root
        # The stand-in browser: writes the path it was given to a file.
        $opened = Join-Path $TestDrive 'opened.txt'
        $opener = Join-Path $TestDrive 'opener.sh'
        Set-Content -LiteralPath $opener -Value "#!/bin/sh`nprintf '%s' `"`$1`" > '$opened'`n"
        chmod +x $opener
    }

    AfterAll {
        Remove-TestRoot $root
        $env:ZOS_OPEN_COMMAND = $null
    }

    BeforeEach {
        Remove-Item -LiteralPath $opened -ErrorAction Ignore
        $env:ZOS_OPEN_COMMAND = $opener
    }

    It 'writes the page to -Path and emits nothing without -PassThru' {
        $path = Join-Path $TestDrive 'report.html'

        $out = $report | Out-TelemetryReport -Path $path

        $out | Should -BeNullOrEmpty
        Get-Content -LiteralPath $path -Raw | Should -BeExactly $report.Html
    }

    It 'emits the file with -PassThru, and a relative path is taken from the location' {
        Push-Location $TestDrive
        try {
            $file = $report | Out-TelemetryReport report2.html -PassThru
        }
        finally {
            Pop-Location
        }

        $file | Should -BeOfType ([System.IO.FileInfo])
        $file.FullName | Should -Be (Join-Path $TestDrive 'report2.html')
        $file.Length | Should -Be $report.Bytes
    }

    It 'writes a temporary file and emits it when no path is given' {
        $file = $report | Out-TelemetryReport

        try {
            $file.DirectoryName | Should -Be ([System.IO.Path]::GetTempPath().TrimEnd([System.IO.Path]::DirectorySeparatorChar))
            $file.Name | Should -BeLike 'zos-telemetry-report-*.html'
        }
        finally {
            Remove-Item -LiteralPath $file.FullName -ErrorAction Ignore
        }
    }

    It 'opens the file with -Open, and -Show is the same switch' {
        foreach ($switch in @{ Open = $true }, @{ Show = $true }) {
            Remove-Item -LiteralPath $opened -ErrorAction Ignore
            $path = Join-Path $TestDrive 'shown.html'
            $report | Out-TelemetryReport -Path $path @switch

            $deadline = [DateTime]::UtcNow.AddSeconds(10)
            while (-not ((Test-Path -LiteralPath $opened) -and (Get-Item -LiteralPath $opened).Length -gt 0) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
            Get-Content -LiteralPath $opened -Raw | Should -BeExactly $path
        }
    }

    It 'renders the store itself when nothing is piped, with -System and -WindowDays' {
        $path = Join-Path $TestDrive 'alone.html'

        $file = Out-TelemetryReport -Root $root -System beta, alpha -WindowDays 36500 -Path $path -PassThru

        $file.FullName | Should -Be $path
        $html = Get-Content -LiteralPath $path -Raw
        $html | Should -BeLike '<!DOCTYPE html>*'
        $html | Should -Match 'beta vs alpha'
        { Out-TelemetryReport -Root $root -System a, a -Path $path } | Should -Throw -ErrorId 'InvalidTelemetryValue,ZosTelemetry.PowerShell.Commands.OutTelemetryReportCommand'
    }

    It 'reports ReportNotOpened when the opener cannot start, and keeps the file' {
        $env:ZOS_OPEN_COMMAND = Join-Path $TestDrive 'no-such-browser'
        $path = Join-Path $TestDrive 'kept.html'

        $report | Out-TelemetryReport -Path $path -Open -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'ReportNotOpened,ZosTelemetry.PowerShell.Commands.OutTelemetryReportCommand'
        Test-Path -LiteralPath $path | Should -BeTrue
    }

    It 'reports ReportNotWritten for a path that is a directory' {
        $report | Out-TelemetryReport -Path $TestDrive -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures[0].FullyQualifiedErrorId | Should -Be 'ReportNotWritten,ZosTelemetry.PowerShell.Commands.OutTelemetryReportCommand'
    }

    It 'writes and opens nothing with -WhatIf' {
        $path = Join-Path $TestDrive 'whatif.html'

        $report | Out-TelemetryReport -Path $path -Open -WhatIf

        Test-Path -LiteralPath $path | Should -BeFalse
        Start-Sleep -Milliseconds 200
        Test-Path -LiteralPath $opened | Should -BeFalse
    }
}
