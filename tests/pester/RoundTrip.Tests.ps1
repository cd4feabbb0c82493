# Round trips a PowerShell user tries: Export-Csv/Import-Csv of Get-TelemetryEvent's output, the CLI's CSV export
# read back with Import-Csv, and ConvertTo-Json/ConvertFrom-Json. Each stores every event again, field for field.
BeforeAll {
    Import-Module "$PSScriptRoot/../../ZosTelemetry.psd1" -Force
    . "$PSScriptRoot/TestSupport.ps1"
    $march = [DateTimeOffset]::new(2024, 3, 1, 10, 0, 0, [TimeSpan]::Zero)

    function Add-RoundTripEvents([string] $Root) {
        Add-TelemetryEvent -Root $Root -SessionId 'rt-1' -System 'alpha' -Kind 'user_message' -Timestamp $march -Marker 'corr.strong.1', 'x.tool-edit' -Context 'repo-a'
        Add-TelemetryEvent -Root $Root -SessionId 'rt-1' -System 'alpha' -Kind 'assistant_message' -Timestamp $march.AddSeconds(5) `
            -Model 'claude-sonnet-4' -TokensIn 1200 -TokensOut 350 -CostUsd 0.0123 -CacheReadTokens 10 -CacheHit $true -DurationMs 900
    }

    function Assert-SameEvents([string] $Expected, [string] $Actual) {
        $a = @(Get-TelemetryEvent -Root $Expected)
        $b = @(Get-TelemetryEvent -Root $Actual)
        $b | Should -HaveCount $a.Count
        for ($i = 0; $i -lt $a.Count; $i++) {
            foreach ($p in 'Timestamp', 'SessionId', 'System', 'Kind', 'Context', 'Model', 'TokensIn', 'TokensOut', 'CostUsd', 'CacheReadTokens', 'CacheHit', 'DurationMs') {
                $b[$i].$p | Should -Be $a[$i].$p -Because "$p of event $i"
            }
            @($b[$i].Markers) | Should -Be @($a[$i].Markers)
        }
    }
}

Describe 'CSV and JSON round trips' {
    BeforeEach {
        $root = New-TestRoot
        $copy = New-TestRoot
        Add-RoundTripEvents $root
    }

    AfterEach {
        Remove-TestRoot $root
        Remove-TestRoot $copy
    }

    It 'Get-TelemetryEvent | Export-Csv, then Import-Csv | Add-TelemetryEvent stores every event again' {
        $csv = Join-Path $TestDrive 'events.csv'
        Get-TelemetryEvent -Root $root | Export-Csv -LiteralPath $csv

        Import-Csv -LiteralPath $csv | Add-TelemetryEvent -Root $copy -ErrorVariable errs

        $errs | Should -BeNullOrEmpty
        Assert-SameEvents $root $copy
    }

    It 'writes Markers to CSV as the markers joined by spaces, not a type name' {
        $row = Get-TelemetryEvent -Root $root | Select-Object -First 1 | ConvertTo-Csv | ConvertFrom-Csv

        $row.Markers | Should -BeExactly 'corr.strong.1 x.tool-edit'
    }

    It 'reads back the CSV of a culture with another date order' {
        $csv = Join-Path $TestDrive 'events-de.csv'
        $culture = [cultureinfo]::CurrentCulture
        try {
            [cultureinfo]::CurrentCulture = [cultureinfo]'de-DE'
            Get-TelemetryEvent -Root $root | Select-Object Timestamp, SessionId, System, Kind | Export-Csv -LiteralPath $csv
            Import-Csv -LiteralPath $csv | Add-TelemetryEvent -Root $copy
        }
        finally {
            [cultureinfo]::CurrentCulture = $culture
        }

        (Get-TelemetryEvent -Root $copy).Timestamp | Should -Be @($march, $march.AddSeconds(5))
    }

    It 'imports the CLI export --format csv back with Import-Csv | Add-TelemetryEvent' {
        $csv = Join-Path $TestDrive 'cli.csv'
        $cli = Get-TestCli
        & dotnet $cli export --root $root --format csv --output $csv
        $LASTEXITCODE | Should -Be 0

        Import-Csv -LiteralPath $csv | Add-TelemetryEvent -Root $copy -ErrorVariable errs

        $errs | Should -BeNullOrEmpty
        Assert-SameEvents $root $copy
    }

    It 'ConvertTo-Json, then ConvertFrom-Json | Add-TelemetryEvent keeps sub-second timestamps exactly' {
        $fine = New-TestRoot
        try {
            Add-TelemetryEvent -Root $fine -SessionId 'ms-1' -System 'alpha' -Kind 'user_message' -Timestamp '2024-03-01T10:00:00.123Z'
            Add-TelemetryEvent -Root $fine -SessionId 'ms-1' -System 'alpha' -Kind 'assistant_message' -Timestamp '2024-03-01T10:00:00.987+02:00'

            Get-TelemetryEvent -Root $fine | ConvertTo-Json -Depth 3 | ConvertFrom-Json | Add-TelemetryEvent -Root $copy -ErrorVariable errs

            $errs | Should -BeNullOrEmpty
            (Get-TelemetryEvent -Root $copy).Timestamp.UtcTicks | Should -Be (Get-TelemetryEvent -Root $fine).Timestamp.UtcTicks
            (Get-TelemetryEvent -Root $copy).Timestamp.Millisecond | Should -Be 123, 987
        }
        finally {
            Remove-TestRoot $fine
        }
    }

    It 'Export-Csv, then Import-Csv | Add-TelemetryEvent keeps sub-second timestamps exactly' {
        $fine = New-TestRoot
        try {
            Add-TelemetryEvent -Root $fine -SessionId 'ms-2' -System 'alpha' -Kind 'user_message' -Timestamp '2024-03-01T10:00:00.123Z'
            Add-TelemetryEvent -Root $fine -SessionId 'ms-2' -System 'alpha' -Kind 'assistant_message' -Timestamp '2024-03-01T10:00:00.987+02:00'
            $csv = Join-Path $TestDrive 'fine.csv'

            Get-TelemetryEvent -Root $fine | Export-Csv -LiteralPath $csv
            Import-Csv -LiteralPath $csv | Add-TelemetryEvent -Root $copy -ErrorVariable errs

            $errs | Should -BeNullOrEmpty
            (Import-Csv -LiteralPath $csv).Timestamp | Should -Be '2024-03-01T10:00:00.123Z', '2024-03-01T08:00:00.987Z'
            (Get-TelemetryEvent -Root $copy).Timestamp.UtcTicks | Should -Be (Get-TelemetryEvent -Root $fine).Timestamp.UtcTicks
        }
        finally {
            Remove-TestRoot $fine
        }
    }

    It 'writes the same Timestamp text to CSV in every culture, the text the CLI export writes' {
        $cli = Get-TestCli
        $cliCsv = Join-Path $TestDrive 'cli-ts.csv'
        & dotnet $cli export --root $root --format csv --output $cliCsv
        $LASTEXITCODE | Should -Be 0
        $culture = [cultureinfo]::CurrentCulture
        try {
            [cultureinfo]::CurrentCulture = [cultureinfo]'de-DE'
            $german = (Get-TelemetryEvent -Root $root | ConvertTo-Csv | ConvertFrom-Csv).Timestamp
        }
        finally {
            [cultureinfo]::CurrentCulture = $culture
        }

        $german | Should -Be (Import-Csv -LiteralPath $cliCsv).ts
        $german | Should -Be '2024-03-01T10:00:00Z', '2024-03-01T10:00:05Z'
    }

    It 'writes the ISO text for the events Add-TelemetryEvent -PassThru emits too' {
        $passed = Add-TelemetryEvent -Root $copy -SessionId 'pt-1' -System 'alpha' -Kind 'user_message' -Timestamp '2024-03-01T10:00:00.250Z' -PassThru

        ($passed | ConvertTo-Csv | ConvertFrom-Csv).Timestamp | Should -Be '2024-03-01T10:00:00.250Z'
    }

    It 'keeps Timestamp a DateTimeOffset to compare, sort, cast and format' {
        $events = @(Get-TelemetryEvent -Root $root)

        $events[0].Timestamp | Should -BeOfType [DateTimeOffset]
        $events[0].Timestamp -eq $march | Should -BeTrue
        @($events | Where-Object Timestamp -gt $march.AddSeconds(1)) | Should -HaveCount 1
        ($events | Sort-Object Timestamp -Descending)[0].Kind | Should -Be 'assistant_message'
        ([DateTimeOffset] $events[1].Timestamp).UtcTicks | Should -Be $march.AddSeconds(5).UtcTicks
        $events[0].Timestamp.ToString('yyyy-MM-dd HH:mm', [cultureinfo]::InvariantCulture) | Should -Be '2024-03-01 10:00'
        $events[0].Timestamp.ToString() | Should -Be '2024-03-01T10:00:00Z'
    }

    It 'ConvertTo-Json, then ConvertFrom-Json | Add-TelemetryEvent stores every event again' {
        $json = Get-TelemetryEvent -Root $root | ConvertTo-Json -Depth 3

        $json | ConvertFrom-Json | Add-TelemetryEvent -Root $copy -ErrorVariable errs

        $errs | Should -BeNullOrEmpty
        Assert-SameEvents $root $copy
    }
}
