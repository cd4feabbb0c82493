# The module as a PowerShell user finds it: one cost rule in every report, views that fit 120 columns with the right
# labels, and one validation rule per kind of value. Each test here failed before the change it covers.
BeforeAll {
    Import-Module "$PSScriptRoot/../../ZosTelemetry.psd1" -Force
    . "$PSScriptRoot/TestSupport.ps1"
    $march = [DateTimeOffset]::new(2024, 3, 1, 10, 0, 0, [TimeSpan]::Zero)

    # What -WhatIf writes goes to the host, not to a stream: a transcript is how a script (or a test) sees it.
    function Get-WhatIfText([scriptblock] $Run) {
        $log = Join-Path ([System.IO.Path]::GetTempPath()) ("whatif-" + [guid]::NewGuid().ToString('N') + '.txt')
        Start-Transcript -LiteralPath $log -UseMinimalHeader | Out-Null
        try { & $Run | Out-Null } finally { Stop-Transcript | Out-Null }
        $text = Get-Content -Raw -LiteralPath $log
        Remove-Item -LiteralPath $log
        $text
    }

    # claude-haiku-4-5 is in the shipped price table ($1 in, $5 out per million); no-price-model is not.
    function Add-UnpricedUsage([string] $Root) {
        Add-TelemetryEvent -Root $Root -SessionId 'c-1' -System 'alpha' -Kind 'user_message' -Timestamp $march
        Add-TelemetryEvent -Root $Root -SessionId 'c-1' -System 'alpha' -Kind 'assistant_message' -Timestamp $march.AddSeconds(1) -Model 'claude-haiku-4-5' -TokensIn 1000000 -TokensOut 100000
        Add-TelemetryEvent -Root $Root -SessionId 'c-1' -System 'alpha' -Kind 'assistant_message' -Timestamp $march.AddSeconds(2) -Model 'no-price-model' -TokensIn 1000 -TokensOut 100
        Close-TelemetrySession -Root $Root -SessionId 'c-1' | Out-Null
    }
}

Describe 'One cost rule for events with tokens but no recorded cost' {
    BeforeAll {
        $root = New-TestRoot
        Add-UnpricedUsage $root
        $cli = Get-TestCli
    }

    AfterAll {
        Remove-TestRoot $root
    }

    It 'prices a known model from the shipped table and leaves only the unknown model unpriced, in every cmdlet' {
        $summary = Get-TelemetryDailySummary -Root $root
        $daily = Get-TelemetryDailyUsage -Root $root -TimeZone UTC
        $monthly = Get-TelemetryMonthlyUsage -Root $root -TimeZone UTC
        $session = Get-TelemetrySessionUsage -Root $root -TimeZone UTC
        $closed = Get-TelemetrySession -Root $root

        foreach ($row in $summary, $daily, $monthly, $session, $closed) {
            $row.CostUsd | Should -Be 1.5
            $row.UnpricedEvents | Should -Be 1
        }
        $haiku = Get-TelemetryDailyUsage -Root $root -TimeZone UTC -Breakdown | Where-Object Model -EQ 'claude-haiku-4-5'
        $haiku.UnpricedEvents | Should -Be 0
        $haiku.CostUsd | Should -Be 1.5
    }

    It 'gives the same cost in the CLI report, which names only the model without a price' {
        $json = & dotnet $cli report daily --root $root --timezone UTC --json | ConvertFrom-Json
        $text = & dotnet $cli report daily --root $root --timezone UTC

        $LASTEXITCODE | Should -Be 0
        ($json | ConvertTo-Json -Depth 6) | Should -Match '"(cost_usd|costUsd|totalCost)": 1\.5'
        ($text -join "`n") | Should -Match 'no-price-model'
        ($text -join "`n") | Should -Not -Match 'claude-haiku-4-5 \('
    }

    It 'takes -PriceFile on the usage cmdlets as Get-TelemetryDailySummary does' {
        $prices = Join-Path $TestDrive 'prices.json'
        Set-Content -LiteralPath $prices -Value '{ "models": { "no-price-model": { "input": 1000, "output": 0 } } }'

        $daily = Get-TelemetryDailyUsage -Root $root -TimeZone UTC -PriceFile $prices

        $daily.UnpricedEvents | Should -Be 0
        $daily.CostUsd | Should -Be 2.5
    }
}

Describe 'Default table views' {
    BeforeAll {
        $root = New-TestRoot
        $guid = '0b7f3c1e-5d2a-4c8e-9f61-2a3b4c5d6e7f'
        Add-TelemetryEvent -Root $root -SessionId $guid -System 'claude-code' -Kind 'user_message' -Timestamp $march -Marker 'corr.strong.1'
        Add-TelemetryEvent -Root $root -SessionId $guid -System 'claude-code' -Kind 'assistant_message' -Timestamp $march.AddSeconds(1) `
            -Model 'claude-sonnet-4-5-20250929' -TokensIn 123456789 -TokensOut 12345678 -CacheReadTokens 123456789 -CacheWriteTokens 12345678 -CostUsd 1234.5678
        Close-TelemetrySession -Root $root -SessionId $guid | Out-Null

        function Get-Table($InputObject) { ($InputObject | Format-Table | Out-String -Width 300) -split "`r?`n" | Where-Object { $_.Trim() } }
    }

    AfterAll {
        Remove-TestRoot $root
    }

    It 'keeps every table view of the module within 120 columns' {
        [xml] $format = Get-Content -Raw "$PSScriptRoot/../../module/ZosTelemetry.format.ps1xml"
        foreach ($view in $format.Configuration.ViewDefinitions.View | Where-Object { $_.TableControl }) {
            $headers = @($view.TableControl.TableHeaders.TableColumnHeader)
            $width = ($headers | ForEach-Object { if ($_.Width) { [int] $_.Width } else { 8 } } | Measure-Object -Sum).Sum + $headers.Count - 1
            $width | Should -BeLessOrEqual 120 -Because $view.Name
        }
    }

    It 'shows <Name> within 120 columns with whole GUIDs and model names and its cost' -ForEach @(
        @{ Name = 'Get-TelemetryDailyUsage -Breakdown'; Run = { Get-TelemetryDailyUsage -Root $root -TimeZone UTC -Breakdown }; First = 'Period' }
        @{ Name = 'Get-TelemetrySessionUsage'; Run = { Get-TelemetrySessionUsage -Root $root -TimeZone UTC }; First = 'SessionId' }
        @{ Name = 'Get-TelemetrySessionUsage -Breakdown'; Run = { Get-TelemetrySessionUsage -Root $root -TimeZone UTC -Breakdown }; First = 'SessionId' }
        @{ Name = 'Get-TelemetrySession'; Run = { Get-TelemetrySession -Root $root }; First = 'SessionId' }
        @{ Name = 'Get-TelemetryEvent'; Run = { Get-TelemetryEvent -Root $root }; First = 'Timestamp' }
    ) {
        $lines = Get-Table (& $Run)

        $lines | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual 120 -Because $_ }
        $lines[0] | Should -Match "^$First"
        $lines[0] | Should -Match 'CostUsd'
        ($lines -join "`n") | Should -Match ([regex]::Escape($guid) + '|2024-03-01')
        if ($Name -ne 'Get-TelemetryEvent' -and $Name -notlike '*Daily*') { ($lines -join "`n") | Should -Match ([regex]::Escape($guid)) }
        if ($Name -notin 'Get-TelemetryEvent', 'Get-TelemetrySessionUsage') { ($lines -join "`n") | Should -Match 'claude-sonnet-4-5-20250929' }
    }

    It 'labels the session column of Get-TelemetrySessionUsage -Breakdown SessionId, not Period' {
        $lines = Get-Table (Get-TelemetrySessionUsage -Root $root -TimeZone UTC -Breakdown)

        $lines[0] | Should -Not -Match 'Period'
        $lines[0] | Should -Match '^SessionId'
    }

    It 'shows the whole GUID session id in Get-TelemetryEvent' {
        (Get-Table (Get-TelemetryEvent -Root $root)) -join "`n" | Should -Match ([regex]::Escape($guid))
    }
}

Describe 'One validation rule per kind of value' {
    BeforeAll {
        $root = New-TestRoot
        Add-UnpricedUsage $root
    }

    AfterAll {
        Remove-TestRoot $root
    }

    It 'refuses -Since after -Until in <Name>' -ForEach @(
        @{ Name = 'Get-TelemetryDailyUsage'; Run = { Get-TelemetryDailyUsage -Root $root -Since 2024-03-05 -Until 2024-03-01 } }
        @{ Name = 'Get-TelemetryMonthlyUsage'; Run = { Get-TelemetryMonthlyUsage -Root $root -Since 2024-03-05 -Until 2024-03-01 } }
        @{ Name = 'Get-TelemetrySessionUsage'; Run = { Get-TelemetrySessionUsage -Root $root -Since 2024-03-05 -Until 2024-03-01 } }
        @{ Name = 'Get-TelemetryEvent'; Run = { Get-TelemetryEvent -Root $root -Since 2024-03-05 -Until 2024-03-01 } }
        @{ Name = 'Get-TelemetrySession'; Run = { Get-TelemetrySession -Root $root -Since 2024-03-05 -Until 2024-03-01 } }
        @{ Name = 'Get-TelemetryDailySummary'; Run = { Get-TelemetryDailySummary -Root $root -Since 2024-03-05 -Until 2024-03-01 } }
        @{ Name = 'Get-TelemetrySavings'; Run = { Get-TelemetrySavings -Root $root -Since 2024-03-05 -Until 2024-03-01 } }
    ) {
        { & $Run } | Should -Throw -ErrorId 'InvalidTelemetryValue*'
    }

    It 'reads usage dates as ISO text, never in the current culture' {
        { Get-TelemetryDailyUsage -Root $root -Since '03/01/2024' } | Should -Throw -ErrorId 'ParameterArgumentTransformationError*'
        @(Get-TelemetryDailyUsage -Root $root -TimeZone UTC -Since '2024-03-01' -Until '20240301') | Should -HaveCount 1
        @(Get-TelemetryDailyUsage -Root $root -TimeZone UTC -Since ([datetime]'2024-03-02')) | Should -HaveCount 0
    }
}

Describe 'More validation rules' {
    BeforeAll {
        $root = New-TestRoot
        Add-UnpricedUsage $root
        $file = Join-Path $root 'not-a-store.txt'
        Set-Content -LiteralPath $file -Value 'x'
    }

    AfterAll {
        Remove-TestRoot $root
    }

    It 'refuses -WindowDays 0 as Get-TelemetrySavings refuses -Days 0' {
        { Compare-TelemetrySystem alpha beta -Root $root -WindowDays 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        { Get-TelemetrySavings -Root $root -Days 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
    }

    It 'reports a file name that is not in the store from Repair-TelemetryStore' {
        Repair-TelemetryStore -Root $root 'nope.jsonl' -ErrorVariable errs -ErrorAction SilentlyContinue -Confirm:$false

        $errs | Should -HaveCount 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'StoreFileNotFound,*'
    }

    It 'stops <Name> with one terminating StoreError when -Root is a file' -ForEach @(
        @{ Name = 'Get-TelemetrySession'; Run = { Get-TelemetrySession -Root $file } }
        @{ Name = 'Get-TelemetryEvent'; Run = { Get-TelemetryEvent -Root $file } }
        @{ Name = 'Get-TelemetryDailyUsage'; Run = { Get-TelemetryDailyUsage -Root $file } }
        @{ Name = 'Test-TelemetryStore'; Run = { Test-TelemetryStore -Root $file } }
        @{ Name = 'Add-TelemetryEvent (piped rows)'; Run = {
                1..3 | ForEach-Object { [pscustomobject]@{ SessionId = "f-$_"; System = 'alpha'; Kind = 'user_message' } } | Add-TelemetryEvent -Root $file } }
    ) {
        $errors = @()
        try { & $Run -ErrorVariable +errors } catch { $errors += $_ }

        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'StoreError,*'
        $errors[0].Exception.Message | Should -Match 'is a file'
    }
}

Describe '-WhatIf says what would happen' {
    BeforeEach {
        $root = New-TestRoot
        Add-UnpricedUsage $root
    }

    AfterEach {
        Remove-TestRoot $root
    }

    It 'says that Remove-TelemetryData would remove nothing, and marks the result a dry run' {
        $whatIf = Get-WhatIfText { Remove-TelemetryData -Root $root -OlderThan 3650 -WhatIf }
        $result = Remove-TelemetryData -Root $root -OlderThan 3650 -WhatIf

        $whatIf | Should -Match 'What if: .*Remove nothing'
        $result.DryRun | Should -BeTrue
    }

    It 'says what Remove-TelemetryData would remove and emits the dry run' {
        $whatIf = Get-WhatIfText { Remove-TelemetryData -Root $root -OlderThan ([datetime]'2025-01-01') -WhatIf }
        $result = Remove-TelemetryData -Root $root -OlderThan ([datetime]'2025-01-01') -WhatIf

        $whatIf | Should -Match 'What if: .*Remove 3 event'
        $result.DryRun | Should -BeTrue
        $result.EventsRemoved | Should -Be 3
        @(Get-TelemetryEvent -Root $root) | Should -HaveCount 3
    }

    It 'says that Repair-TelemetryStore would repair nothing in a healthy store' {
        if (-not $IsWindows) { [System.IO.File]::SetUnixFileMode($root, [System.IO.UnixFileMode] 'UserRead, UserWrite, UserExecute') }

        $whatIf = Get-WhatIfText { Repair-TelemetryStore -Root $root -WhatIf }

        $whatIf | Should -Match 'What if: .*Repair nothing'
    }
}

Describe 'System names' {
    BeforeAll {
        $root = New-TestRoot
        Add-TestSession -Root $root -SessionId 'x-1' -System 'codex' | Out-Null
        Add-TestSession -Root $root -SessionId 'y-1' -System 'claude-code' | Out-Null
    }

    AfterAll {
        Remove-TestRoot $root
    }

    It 'finds a system whatever the case it is typed in' {
        (Get-TelemetrySession -Root $root -System CODEX).SessionId | Should -Be 'x-1'
        @(Get-TelemetryEvent -Root $root -System 'Claude-Code') | Should -HaveCount 4
        $report = Compare-TelemetrySystem CODEX Claude-Code -Root $root -WarningAction SilentlyContinue
        $report.A.Sessions | Should -Be 1
        $report.B.Sessions | Should -Be 1
    }

    It 'warns and names the systems that exist when a filter matches none' {
        $sessions = Get-TelemetrySession -Root $root -System 'cursor' -WarningVariable warnings -WarningAction SilentlyContinue

        $sessions | Should -BeNullOrEmpty
        "$warnings" | Should -Match "No system 'cursor'.*claude-code, codex"
    }
}

Describe 'Newest first' {
    BeforeAll {
        $root = New-TestRoot
        $other = New-TestRoot
        Add-TestSession -Root $other -SessionId 'old-1' -System 'alpha' | Out-Null
        Start-Sleep -Milliseconds 20
        Add-TestSession -Root $root -SessionId 'new-1' -System 'alpha' | Out-Null
        Merge-TelemetryStore -Root $root -Path $other | Out-Null
    }

    AfterAll {
        Remove-TestRoot $root
        Remove-TestRoot $other
    }

    It 'lists sessions newest closed first after Merge-TelemetryStore appended an older one' {
        (Get-TelemetrySession -Root $root).SessionId | Should -Be @('new-1', 'old-1')
    }
}

Describe 'Precision of compared figures' {
    BeforeAll {
        $root = New-TestRoot
        foreach ($side in @{ System = 'fast'; Seconds = 0.25 }, @{ System = 'slow'; Seconds = 0.34 }) {
            for ($i = 0; $i -lt 12; $i++) {
                $id = "$($side.System)-$i"
                $start = $march.AddHours($i)
                $rows = @(
                    [pscustomobject]@{ SessionId = $id; System = $side.System; Kind = 'user_message'; Timestamp = $start }
                    [pscustomobject]@{ SessionId = $id; System = $side.System; Kind = 'assistant_message'; Timestamp = $start.AddSeconds($side.Seconds + $i * 0.001); CostUsd = 0.001 }
                )
                $rows | Add-TelemetryEvent -Root $root
                Close-TelemetrySession -Root $root -SessionId $id | Out-Null
            }
        }
    }

    AfterAll {
        Remove-TestRoot $root
    }

    It 'prints a sub-second difference in duration with the digits it needs in <Name>' -ForEach @(
        @{ Name = 'the PowerShell view'; Run = { Compare-TelemetrySystem fast slow -Root $root -WarningAction SilentlyContinue | Out-String -Width 200 } }
        @{ Name = 'the Markdown'; Run = { Compare-TelemetrySystem fast slow -Root $root -AsMarkdown -WarningAction SilentlyContinue } }
    ) {
        $line = (& $Run) -split "`n" | Where-Object { $_ -match 'Duration' }

        $line | Should -Match ' 0\.2\d '
        $line | Should -Match ' 0\.3\d '
        $line | Should -Match '\[-0\.09\d, -0\.08\d\]'
    }
}

Describe 'Tab completion' {
    BeforeAll {
        $root = New-TestRoot
        Add-TestSession -Root $root -SessionId '0b7f3c1e-aaaa' -System 'codex' -Model 'gpt-5-codex' -Context 'repo-a' | Out-Null
        Add-TestSession -Root $root -SessionId '1c2d-bbbb' -System 'claude-code' -Model 'claude-sonnet-4' -Context 'repo-b' | Out-Null

        function Get-Completion([string] $Line) {
            (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText
        }
    }

    AfterAll {
        Remove-TestRoot $root
    }

    It 'resolves a relative -Root from the current location when completing -System' {
        Push-Location -LiteralPath (Split-Path -Parent $root)
        try {
            $completions = Get-Completion "Get-TelemetrySession -Root ./$(Split-Path -Leaf $root) -System c"
        }
        finally {
            Pop-Location
        }

        $completions | Should -Be @('claude-code', 'codex')
    }

    It 'completes <Parameter> with the store''s values' -ForEach @(
        @{ Parameter = '-Kind'; Line = 'Get-TelemetryEvent -Root $root -Kind '; Expected = @('user_message', 'assistant_message') }
        @{ Parameter = '-SessionId'; Line = 'Get-TelemetryEvent -Root $root -SessionId 0b'; Expected = @('0b7f3c1e-aaaa') }
        @{ Parameter = '-Model'; Line = 'Get-TelemetrySession -Root $root -Model claude'; Expected = @('claude-sonnet-4') }
        @{ Parameter = '-Context'; Line = 'Get-TelemetrySession -Root $root -Context repo'; Expected = @('repo-a', 'repo-b') }
        @{ Parameter = '-TimeZone'; Line = 'Get-TelemetryDailyUsage -Root $root -TimeZone ut'; Expected = @('UTC') }
        @{ Parameter = '-BaselineModel'; Line = 'Get-TelemetrySavings -Root $root -BaselineModel claude-haiku-4-5'; Expected = @('claude-haiku-4-5') }
    ) {
        $completions = Get-Completion ($Line -replace '\$root', $root)

        foreach ($value in $Expected) { $completions | Should -Contain $value }
        $completions | Where-Object { $_ -match '[\\/]' } | Should -BeNullOrEmpty -Because 'values, not file names'
    }
}

Describe '-Verbose and Write-Progress' {
    BeforeAll {
        $root = New-TestRoot
        Add-UnpricedUsage $root
        $other = New-TestRoot
        Add-TestSession -Root $other -SessionId 'o-1' -System 'beta' | Out-Null

        # Progress cannot be redirected in a script; a PowerShell of its own keeps every stream of what it ran.
        function Get-Progress([string] $Script) {
            $ps = [powershell]::Create()
            try {
                $null = $ps.AddScript("Import-Module '$PSScriptRoot/../../ZosTelemetry.psd1'; `$root = '$root'; `$other = '$other'; $Script").Invoke()
                @($ps.Streams.Progress)
            }
            finally {
                $ps.Dispose()
            }
        }
    }

    AfterAll {
        Remove-TestRoot $root
        Remove-TestRoot $other
    }

    It 'tells with -Verbose what <Name> did' -ForEach @(
        @{ Name = 'Add-TelemetryEvent'; Script = 'Add-TelemetryEvent -Root $root -SessionId v-1 -System alpha -Kind user_message -Verbose'; Pattern = 'Wrote 1 row' }
        @{ Name = 'Get-TelemetryEvent'; Script = 'Get-TelemetryEvent -Root $root -Verbose'; Pattern = 'Reading .*events-2024-03\.jsonl' }
        @{ Name = 'Get-TelemetrySession'; Script = 'Get-TelemetrySession -Root $root -Verbose'; Pattern = 'Store: ' }
        @{ Name = 'Get-TelemetryDailyUsage'; Script = 'Get-TelemetryDailyUsage -Root $root -Verbose'; Pattern = 'daily facts of .*events-' }
        @{ Name = 'Get-TelemetryMonthlyUsage'; Script = 'Get-TelemetryMonthlyUsage -Root $root -Verbose'; Pattern = 'daily facts of .*events-' }
        @{ Name = 'Get-TelemetrySessionUsage'; Script = 'Get-TelemetrySessionUsage -Root $root -Verbose'; Pattern = 'Scanning \d+ event file' }
        @{ Name = 'Get-TelemetryDailySummary'; Script = 'Get-TelemetryDailySummary -Root $root -Verbose'; Pattern = 'Scanning \d+ event file' }
        @{ Name = 'Get-TelemetrySavings'; Script = 'Get-TelemetrySavings -Root $root -Verbose'; Pattern = 'Reading .*events' }
        @{ Name = 'Compare-TelemetryPeriod'; Script = 'Compare-TelemetryPeriod -Root $root -Verbose -WarningAction SilentlyContinue'; Pattern = 'Store: ' }
        @{ Name = 'Compare-TelemetrySystem'; Script = 'Compare-TelemetrySystem alpha beta -Root $root -Verbose -WarningAction SilentlyContinue'; Pattern = 'Store: ' }
        @{ Name = 'Close-TelemetrySession'; Script = 'Close-TelemetrySession -Root $root -SessionId c-1 -Verbose'; Pattern = 'Wrote 1 row.*sessions-' }
        @{ Name = 'Test-TelemetryStore'; Script = 'Test-TelemetryStore -Root $root -Verbose'; Pattern = 'Store: ' }
        @{ Name = 'Repair-TelemetryStore'; Script = 'Repair-TelemetryStore -Root $root -Verbose -Confirm:$false'; Pattern = 'Checking .*events-2024-03\.jsonl' }
        @{ Name = 'Merge-TelemetryStore'; Script = 'Merge-TelemetryStore -Root $root -Path $other -Verbose'; Pattern = 'Merging .* into ' }
        @{ Name = 'Remove-TelemetryData'; Script = 'Remove-TelemetryData -Root $root -OlderThan 3650 -Verbose -Confirm:$false'; Pattern = 'Nothing older than' }
        @{ Name = 'Test-TelemetryCorrection'; Script = 'Test-TelemetryCorrection "no, that is wrong" -Verbose'; Pattern = 'Detector version \d+: \d+ marker' }
    ) {
        $verbose = & ([scriptblock]::Create($Script)) 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }

        ($verbose.Message -join "`n") | Should -Match $Pattern
    }

    It 'shows progress while Merge-TelemetryStore and Repair-TelemetryStore work' {
        $merge = Get-Progress 'Merge-TelemetryStore -Root $root -Path $other'
        $repair = Get-Progress 'Repair-TelemetryStore -Root $root -Confirm:$false'

        $merge.Activity | Should -Contain 'Merging stores'
        $merge[-1].RecordType | Should -Be 'Completed'
        $repair.Activity | Should -Contain 'Checking the store'
    }
}

Describe 'What users copy from the documentation' {
    It 'finds no $env:USERNAME in the help examples (unset on Linux)' {
        Get-ChildItem "$PSScriptRoot/../../docs/cmdlets" -Filter *.md | Select-String -SimpleMatch '$env:USERNAME' | Should -BeNullOrEmpty
    }

    It 'makes the events.csv the README quick start imports' {
        $readme = Get-Content -Raw "$PSScriptRoot/../../README.md"
        $readme | Should -Match "Set-Content ./events.csv\r?\nImport-Csv ./events.csv"
    }

    It 'has no leftover note about Get-TelemetrySavings in docs/ci.md' {
        Get-Content -Raw "$PSScriptRoot/../../docs/ci.md" | Should -Not -Match 'not part of this change'
    }

    It 'lists every exported cmdlet in the release notes of 0.1' {
        $manifest = Import-PowerShellDataFile "$PSScriptRoot/../../ZosTelemetry.psd1"
        foreach ($cmdlet in $manifest.CmdletsToExport) {
            $manifest.PrivateData.PSData.ReleaseNotes | Should -Match ([regex]::Escape($cmdlet))
        }
    }

    It 'explains that the checked-out sample store is readable by others, not damaged' {
        $sample = Join-Path $TestDrive 'sample'
        Copy-Item -Recurse "$PSScriptRoot/../../samples/store" $sample
        if (-not $IsWindows) { Get-ChildItem $sample -File | ForEach-Object { [System.IO.File]::SetUnixFileMode($_.FullName, [System.IO.UnixFileMode] 'UserRead, UserWrite, GroupRead, OtherRead') } }

        $null = Test-TelemetryStore -Root $sample -WarningVariable warnings -WarningAction SilentlyContinue

        if (-not $IsWindows) { "$warnings" | Should -Match 'only because other users may read them.*rows are all usable' }
    }

    It 'exports the metrics of Compare-TelemetryPeriod to CSV with figures only' {
        $root = New-TestRoot
        try {
            Add-TelemetryEvent -Root $root -SessionId p-1 -System alpha -Kind assistant_message -TokensIn 10 -CostUsd 0.1
            $csv = (Compare-TelemetryPeriod -Root $root -WarningAction SilentlyContinue).Metrics | ConvertTo-Csv | ConvertFrom-Csv

            $columns = $csv[0].psobject.Properties.Name
            $columns | Should -Contain 'Value1'
            $columns | Where-Object { $_ -like 'Format*' } | Should -BeNullOrEmpty
        }
        finally {
            Remove-TestRoot $root
        }
    }
}
