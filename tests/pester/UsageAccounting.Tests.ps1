# Usage accounting: Add-TelemetryEvent's usage fields, Get-TelemetrySavings, Compare-TelemetryPeriod,
# Remove-TelemetryData and Clear-TelemetryStore. Every call passes -Root, and ZOS_HOME points at a private folder so
# that a prices.json of the machine's user never changes a figure.
BeforeAll {
    Import-Module "$PSScriptRoot/../../ZosTelemetry.psd1" -Force
    . "$PSScriptRoot/TestSupport.ps1"
    $savedZosHome = $env:ZOS_HOME
    $zosHome = New-TestRoot
    $env:ZOS_HOME = $zosHome
    $recent = [DateTimeOffset]::UtcNow.AddHours(-2)

    # At the shipped list prices (USD per million tokens, input/output/cache read):
    #   claude-haiku-4-5  (1/5/0.1):  1M in, 100k out, 2M cache reads -> 1 + 0.5 + 0.2 = 1.70
    #   claude-sonnet-4-5 (3/15):     200k in, 20k out                -> 0.6 + 0.3     = 0.90
    #   claude-opus-4-5   (5/25/0.5): 100k in, 10k out, recorded 0.80 -> 0.80 (a recorded cost wins)
    #   in-house-7b: no price                                          -> unknown
    # actual 3.40; baseline at claude-opus-4-5: 8.50 + 1.50 + 0.75 = 10.75; savings 7.35; cache savings 2M x 0.9 = 1.80
    function Add-MixedTierCalls {
        param([Parameter(Mandatory)] [string] $Root)

        $calls = @(
            @{ SessionId = 's-1'; Model = 'claude-haiku-4-5'; TokensIn = 1000000; TokensOut = 100000; CacheReadTokens = 2000000 }
            @{ SessionId = 's-1'; Model = 'claude-sonnet-4-5'; TokensIn = 200000; TokensOut = 20000 }
            @{ SessionId = 's-2'; Model = 'claude-opus-4-5'; TokensIn = 100000; TokensOut = 10000; CostUsd = 0.80 }
            @{ SessionId = 's-2'; Model = 'in-house-7b'; TokensIn = 50000; TokensOut = 5000 }
        )
        foreach ($call in $calls) {
            $call.System = 'router'
            $call.Kind = 'assistant_message'
            $call.Timestamp = $recent
            [pscustomobject] $call
        }
    }

    # One hash per sink file, in name order: equal before and after means nothing was touched.
    function Get-StoreHash {
        param([Parameter(Mandatory)] [string] $Root)

        Get-ChildItem -LiteralPath $Root -Filter '*.jsonl' | Sort-Object Name |
            ForEach-Object { (Get-FileHash -LiteralPath $_.FullName).Hash }
    }
}

AfterAll {
    $env:ZOS_HOME = $savedZosHome
    Remove-TestRoot $zosHome
}

Describe 'Add-TelemetryEvent usage fields' {
    BeforeEach {
        $root = New-TestRoot
    }

    AfterEach {
        Remove-TestRoot $root
    }

    It 'stores cache tokens, provider, tier, duration and cache hit, and the user only as a hash' {
        Add-TelemetryEvent -Root $root -SessionId 'u-1' -System 'codex' -Kind 'assistant_message' -Model 'gpt-5' -TokensIn 10 `
            -CacheReadTokens 900 -CacheWriteTokens 50 -Provider 'openai' -Tier 'capable' -DurationMs 2340 -CacheHit $true `
            -UserName 'alice@example.com'

        $e = Get-TelemetryEvent -Root $root
        $e.CacheReadTokens | Should -Be 900
        $e.CacheWriteTokens | Should -Be 50
        $e.Provider | Should -BeExactly 'openai'
        $e.Tier | Should -BeExactly 'capable'
        $e.DurationMs | Should -Be 2340
        $e.CacheHit | Should -BeTrue
        $e.User | Should -BeExactly ([ZosTelemetry.Store.TelemetryStore]::new($root).HashUser('alice@example.com'))
        $stored = (Get-ChildItem -LiteralPath $root -Filter '*.jsonl' | Get-Content -Raw) -join "`n"
        $stored | Should -Not -Match 'alice'
    }

    It 'refuses a name given to -User, which takes only a hash, and stores nothing' {
        Add-TelemetryEvent -Root $root -SessionId 'u-1' -System 'codex' -Kind 'assistant_message' -User 'alice' -ErrorVariable errs -ErrorAction SilentlyContinue

        $errs | Should -HaveCount 1
        $errs[0].FullyQualifiedErrorId | Should -BeExactly 'InvalidTelemetryValue,ZosTelemetry.PowerShell.Commands.AddTelemetryEventCommand'
        @(Get-TelemetryEvent -Root $root) | Should -HaveCount 0
    }

    It 'keeps the user hash when events are copied through the pipeline' {
        $other = New-TestRoot
        try {
            Add-TelemetryEvent -Root $root -SessionId 'u-1' -System 'codex' -Kind 'assistant_message' -UserName 'bob' -CacheReadTokens 5

            Get-TelemetryEvent -Root $root | Add-TelemetryEvent -Root $other

            $copied = Get-TelemetryEvent -Root $other
            $copied.User | Should -BeExactly ([ZosTelemetry.Store.TelemetryStore]::new($root).HashUser('bob'))
            $copied.CacheReadTokens | Should -Be 5
        }
        finally {
            Remove-TestRoot $other
        }
    }

    It 'binds usage columns from Import-Csv, reading true/false text for CacheHit' {
        $csv = Join-Path $TestDrive 'usage.csv'
        Set-Content -LiteralPath $csv -Encoding utf8 -Value @(
            'SessionId,System,Kind,Model,TokensIn,CacheReadTokens,CacheHit,Tier,UserName'
            'c-1,router,assistant_message,gpt-5-mini,100,4000,true,cheap,carol'
            'c-1,router,assistant_message,gpt-5-mini,100,,False,,'
        )

        Import-Csv -LiteralPath $csv | Add-TelemetryEvent -Root $root -ErrorVariable errs

        $errs | Should -BeNullOrEmpty
        $events = @(Get-TelemetryEvent -Root $root)
        $events | Should -HaveCount 2
        $events[0].CacheHit | Should -BeTrue
        $events[0].CacheReadTokens | Should -Be 4000
        $events[0].User | Should -BeExactly ([ZosTelemetry.Store.TelemetryStore]::new($root).HashUser('carol'))
        $events[1].CacheHit | Should -BeFalse
        $events[1].CacheReadTokens | Should -BeNullOrEmpty
        $events[1].User | Should -BeNullOrEmpty
    }
}

Describe 'Get-TelemetrySavings' {
    BeforeAll {
        $root = New-TestRoot
        Add-MixedTierCalls -Root $root | Add-TelemetryEvent -Root $root
    }

    AfterAll {
        Remove-TestRoot $root
    }

    It 'prices the same tokens at the most expensive premium model seen and reports the savings' {
        $report = Get-TelemetrySavings -Root $root -Days 30 -WarningAction SilentlyContinue

        $report | Should -BeOfType ([ZosTelemetry.Savings.SavingsReport])
        $report.BaselineModel | Should -BeExactly 'claude-opus-4-5'
        [math]::Round($report.ActualCostUsd, 6) | Should -Be 3.4
        [math]::Round($report.BaselineCostUsd, 6) | Should -Be 10.75
        [math]::Round($report.SavingsUsd, 6) | Should -Be 7.35
        [math]::Round($report.CacheSavingsUsd, 6) | Should -Be 1.8
        $report.Calls | Should -Be 4
        $report.UnknownPriceCalls | Should -Be 1
    }

    It 'names the calls of unknown price on the warning stream' {
        $null = Get-TelemetrySavings -Root $root -WarningVariable warnings -WarningAction SilentlyContinue

        ($warnings -join "`n") | Should -Match 'in-house-7b \(1\)'
    }

    It 'shows the mix by tier and the totals by default' {
        $text = Get-TelemetrySavings -Root $root -WarningAction SilentlyContinue | Out-String

        $text | Should -Match 'Baseline: every call priced at claude-opus-4-5'
        $text | Should -Match 'cheap'
        $text | Should -Match 'Baseline cost\s+\$10\.7500'
        $text | Should -Match 'Savings\s+\$7\.3500'
    }

    It 'returns the report as Markdown with -AsMarkdown' {
        $markdown = Get-TelemetrySavings -Root $root -AsMarkdown -WarningAction SilentlyContinue

        $markdown | Should -BeOfType ([string])
        $markdown | Should -Match '\| Tier \| Calls \|'
        $markdown | Should -Match '\| Model \| Tier \|'
    }

    It 'prices every call at a named baseline model' {
        # claude-sonnet-4-5 (3/15/0.3): 3 + 1.5 + 0.6 + 0.6 + 0.3 + 0.3 + 0.15 = 6.45
        $report = Get-TelemetrySavings -Root $root -BaselineModel 'claude-sonnet-4-5' -WarningAction SilentlyContinue

        [math]::Round($report.BaselineCostUsd, 6) | Should -Be 6.45
        $report.BaselineReason | Should -BeExactly 'named'
    }

    It 'prices an unknown model from -PriceFile' {
        $file = Join-Path $TestDrive 'prices.json'
        Set-Content -LiteralPath $file -Value '{"models": {"in-house-7b": {"tier": "cheap", "input": 0.1, "output": 0.2}}}'

        $report = Get-TelemetrySavings -Root $root -PriceFile $file

        $report.UnknownPriceCalls | Should -Be 0
        [math]::Round($report.ActualCostUsd, 6) | Should -Be 3.406
    }

    It 'refuses an unknown baseline model' {
        { Get-TelemetrySavings -Root $root -BaselineModel 'gpt-17' -WarningAction SilentlyContinue } |
            Should -Throw -ErrorId 'InvalidTelemetryValue,ZosTelemetry.PowerShell.Commands.GetTelemetrySavingsCommand'
    }

    It 'stops with InvalidPriceFile for a file that is not a price table' {
        $file = Join-Path $TestDrive 'broken.json'
        Set-Content -LiteralPath $file -Value '{"models": '

        { Get-TelemetrySavings -Root $root -PriceFile $file } |
            Should -Throw -ErrorId 'InvalidPriceFile,ZosTelemetry.PowerShell.Commands.GetTelemetrySavingsCommand'
    }

    It 'has mix rows that flatten through Export-Csv' {
        $csv = Join-Path $TestDrive 'mix.csv'
        (Get-TelemetrySavings -Root $root -WarningAction SilentlyContinue).ByTier | Export-Csv -LiteralPath $csv

        $rows = @(Import-Csv -LiteralPath $csv)
        $rows | Should -HaveCount 4
        $rows[0].Name | Should -BeExactly 'cheap'
        [double] $rows[0].CostUsd | Should -Be 1.7
        [long] $rows[0].Tokens | Should -Be 3100000
    }
}

Describe 'Compare-TelemetryPeriod' {
    BeforeAll {
        $root = New-TestRoot
        $now = [DateTimeOffset]::UtcNow
        Add-TelemetryEvent -Root $root -SessionId 'p-1' -System 'router' -Kind 'assistant_message' -Model 'claude-haiku-4-5' -TokensIn 1000000 -Timestamp $now.AddHours(-1)
        Add-TelemetryEvent -Root $root -SessionId 'p-2' -System 'router' -Kind 'assistant_message' -Model 'claude-haiku-4-5' -TokensIn 1000000 -Timestamp $now.AddDays(-20)
    }

    AfterAll {
        Remove-TestRoot $root
    }

    It 'compares the last 7 days with the last 30, per day for totals' {
        $report = Compare-TelemetryPeriod -Root $root -Days 7 -Against 30 -WarningAction SilentlyContinue

        $report | Should -BeOfType ([ZosTelemetry.Comparison.PeriodComparison])
        $report.Period1.Calls | Should -Be 1
        $report.Period2.Calls | Should -Be 2
        $calls = $report.Metrics | Where-Object Metric -EQ 'calls'
        # 1/7 per day against 2/30 per day
        [math]::Round($calls.Change, 2) | Should -Be 114.29
        ($report.Metrics | Where-Object Metric -EQ 'cost_usd').Value2 | Should -Be 2
    }

    It 'shows the metric table by default' {
        $text = Compare-TelemetryPeriod -Root $root -WarningAction SilentlyContinue | Out-String

        $text | Should -Match 'Last 7 days vs last 30 days'
        $text | Should -Match 'Corrections / session'
    }

    It 'refuses two periods of the same length' {
        { Compare-TelemetryPeriod -Root $root -Days 7 -Against 7 } |
            Should -Throw -ErrorId 'InvalidTelemetryValue,ZosTelemetry.PowerShell.Commands.CompareTelemetryPeriodCommand'
    }
}

Describe 'Remove-TelemetryData' {
    BeforeEach {
        $root = New-TestRoot
        $now = [DateTimeOffset]::UtcNow
        foreach ($row in @(@{ Id = 'old'; Days = 200 }, @{ Id = 'edge'; Days = 31 }, @{ Id = 'new'; Days = 29 })) {
            Add-TelemetryEvent -Root $root -SessionId $row.Id -System 'router' -Kind 'assistant_message' -TokensIn 1 -Timestamp $now.AddDays(-1 * $row.Days)
        }
    }

    AfterEach {
        Remove-TestRoot $root
    }

    It 'changes nothing with -WhatIf' {
        $before = Get-StoreHash -Root $root

        Remove-TelemetryData -Root $root -OlderThan 30 -WhatIf

        Get-StoreHash -Root $root | Should -Be $before
        @(Get-TelemetryEvent -Root $root) | Should -HaveCount 3
    }

    It 'removes every row older than the horizon and none inside it' {
        $result = Remove-TelemetryData -Root $root -OlderThan 30 -Confirm:$false

        $result | Should -BeOfType ([ZosTelemetry.Store.PruneResult])
        $result.EventsRemoved | Should -Be 2
        (Get-TelemetryEvent -Root $root).SessionId | Should -Be @('new')
    }

    It 'takes ''default'' as 90 days' {
        $result = Remove-TelemetryData -Root $root -OlderThan 'default' -Confirm:$false

        $result.EventsRemoved | Should -Be 1
        (Get-TelemetryEvent -Root $root).SessionId | Should -Be @('edge', 'new')
    }

    It 'takes a date' {
        $result = Remove-TelemetryData -Root $root -OlderThan ([DateTimeOffset]::UtcNow.AddDays(-30)) -Confirm:$false

        $result.EventsRemoved | Should -Be 2
    }

    It 'refuses a horizon of 0 days at binding' {
        { Remove-TelemetryData -Root $root -OlderThan 0 -Confirm:$false } |
            Should -Throw -ErrorId 'ParameterArgumentTransformationError,ZosTelemetry.PowerShell.Commands.RemoveTelemetryDataCommand'
        @(Get-TelemetryEvent -Root $root) | Should -HaveCount 3
    }
}

Describe 'Clear-TelemetryStore' {
    BeforeEach {
        $root = New-TestRoot
        Add-MixedTierCalls -Root $root | Add-TelemetryEvent -Root $root
        $null = Close-TelemetrySession -Root $root -SessionId 's-1'
    }

    AfterEach {
        Remove-TestRoot $root
    }

    It 'removes nothing with -WhatIf' {
        Clear-TelemetryStore -Root $root -WhatIf

        @(Get-TelemetryEvent -Root $root) | Should -HaveCount 4
        @(Get-TelemetrySession -Root $root) | Should -HaveCount 1
    }

    It 'removes every sink with -Force and says how many rows went' {
        $result = Clear-TelemetryStore -Root $root -Force

        $result | Should -BeOfType ([ZosTelemetry.Store.ResetResult])
        $result.Removed | Should -BeTrue
        $result.EventRows | Should -Be 4
        $result.SessionRows | Should -Be 1
        @(Get-TelemetryEvent -Root $root) | Should -HaveCount 0
        @(Get-ChildItem -LiteralPath $root -Filter '*.jsonl') | Should -HaveCount 0
    }
}
