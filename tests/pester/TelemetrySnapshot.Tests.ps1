# New-, Get- and Compare-TelemetrySnapshot and Test-TelemetrySuggestion as users call them: records piped as objects
# and hashtables, refused records that write nothing, -Last, drift rows and Markdown, the guardrail's warning object,
# the default views, and the help pages' examples run against a scratch store.
BeforeAll {
    Import-Module "$PSScriptRoot/../../ZosTelemetry.psd1" -Force
    . "$PSScriptRoot/TestSupport.ps1"

    function New-Records {
        @(
            [pscustomobject]@{ Label = 'premium'; Confidence = 0.91; Probabilities = 0.91, 0.06, 0.03; Features = @{ tokens = 812; lang = $null }; Timestamp = '2026-12-01T10:00:00Z' }
            [pscustomobject]@{ Label = 'basic'; Confidence = 0.62; Probabilities = 0.30, 0.62, 0.08; Features = [pscustomobject]@{ tokens = 95 }; Suggested = $true }
            [pscustomobject]@{ Label = 'unknown'; Confidence = 0.41 }
        )
    }
}

Describe 'New-TelemetrySnapshot' {
    BeforeEach { $root = New-TestRoot }
    AfterEach { Remove-TestRoot $root }

    It 'computes the snapshot of the piped records and stores one row' {
        $s = New-Records | New-TelemetrySnapshot -System router -SchemaVersion v3 -Root $root

        $s | Should -BeOfType ([ZosTelemetry.Snapshots.QualitySnapshot])
        $s.TotalWindows | Should -Be 3
        $s.ConfidenceStats.Mean | Should -Be 0.6467
        $s.ConfidenceStats.Median | Should -Be 0.62
        $s.RejectRate | Should -Be 0.3333
        $s.ClassDistribution['basic'] | Should -Be 0.3333
        $s.FeatureMissingness['tokens'] | Should -Be 0.3333
        $s.FeatureMissingness['lang'] | Should -Be 1
        $s.SchemaVersion | Should -BeExactly 'v3'
        $s.SuggestionsPerDay | Should -Be 1
        @(Get-ChildItem -LiteralPath $root -Filter 'snapshots-*.jsonl') | Should -HaveCount 1
    }

    It 'hashes -UserName and never stores it' {
        $s = New-Records | New-TelemetrySnapshot -System router -UserName 'alice@example.com' -Root $root

        $s.User | Should -Match '^[0-9a-f]{16}$'
        (Get-Content -LiteralPath (Get-ChildItem $root -Filter 'snapshots-*.jsonl').FullName -Raw) | Should -Not -Match 'alice'
    }

    It 'refuses a bad record with InvalidTelemetryValue and writes nothing' {
        $null = New-Records | New-TelemetrySnapshot -System router -Root $root
        $before = Get-ChildItem -LiteralPath $root -File | Get-FileHash

        { @([pscustomobject]@{ Label = 'a' }, [pscustomobject]@{ Label = 'what the user typed' }) | New-TelemetrySnapshot -System router -Root $root } |
            Should -Throw -ErrorId 'InvalidTelemetryValue,ZosTelemetry.PowerShell.Commands.NewTelemetrySnapshotCommand'
        { [pscustomobject]@{ Label = 'a'; Features = @{ note = 'some text' } } | New-TelemetrySnapshot -System router -Root $root } |
            Should -Throw -ExpectedMessage '*record 1*number*'

        Get-ChildItem -LiteralPath $root -File | Get-FileHash | ForEach-Object Hash | Should -Be ($before | ForEach-Object Hash)
    }

    It 'takes one record from parameters, and none without them' {
        $one = New-TelemetrySnapshot -System router -Label premium -Confidence 0.9 -Probabilities 0.9, 0.1 -Features @{ tokens = 40 } -Timestamp 2026-12-05T10:00:00Z -Suggested $true -Root $root
        $none = New-TelemetrySnapshot -System router -Root $root

        $one.TotalWindows | Should -Be 1
        $one.ConfidenceStats.Std | Should -Be 0
        $none.TotalWindows | Should -Be 0
        $none.ConfidenceStats | Should -BeNullOrEmpty
    }

    It 'shows the snapshot table by default' {
        $text = New-Records | New-TelemetrySnapshot -System router -Root $root | Out-String -Width 120

        $text | Should -Match 'Records\s+Confidence\s+Reject'
        $text | Should -Match 'router'
        $text | Should -Match '33\.3%'
    }

    It 'stores no text of the records (canary)' {
        $canary = 'zq' + [guid]::NewGuid().ToString('N').Substring(0, 10)
        foreach ($bad in @(
                [pscustomobject]@{ Label = "no, $canary is wrong" }
                [pscustomobject]@{ Label = 'a'; Features = @{ "$canary words" = 1 } }
                [pscustomobject]@{ Label = 'a'; Features = @{ f = $canary } })) {
            { $bad | New-TelemetrySnapshot -System router -Root $root } | Should -Throw
        }
        $null = [pscustomobject]@{ Label = 'a'; Text = "the prompt $canary" } | New-TelemetrySnapshot -System router -Root $root

        Get-ChildItem -LiteralPath $root -File -Recurse | ForEach-Object { Get-Content -LiteralPath $_.FullName -Raw } | Should -Not -Match $canary
    }
}

Describe 'Get-TelemetrySnapshot' {
    BeforeAll {
        $root = New-TestRoot
        foreach ($i in 0..4) {
            $null = [pscustomobject]@{ Label = "c$i" } | New-TelemetrySnapshot -System $(if ($i % 2) { 'intent' } else { 'router' }) -Root $root
        }
    }
    AfterAll { Remove-TestRoot $root }

    It 'returns every snapshot, newest last' {
        $all = Get-TelemetrySnapshot -Root $root

        $all | Should -HaveCount 5
        $all[-1].ClassDistribution.Keys | Should -Be 'c4'
    }

    It 'returns the newest N with -Last, for a system' {
        (Get-TelemetrySnapshot -Last 2 -Root $root).ClassDistribution.Keys | Should -Be 'c3', 'c4'
        (Get-TelemetrySnapshot router -Last 2 -Root $root).ClassDistribution.Keys | Should -Be 'c2', 'c4'
    }

    It 'filters by time' {
        Get-TelemetrySnapshot -Since (Get-Date).AddDays(1) -Root $root | Should -BeNullOrEmpty
        Get-TelemetrySnapshot -Until (Get-Date).AddDays(1) -Root $root | Should -HaveCount 5
    }
}

Describe 'Compare-TelemetrySnapshot' {
    BeforeAll {
        $root = New-TestRoot
        $null = New-Records | New-TelemetrySnapshot -System router -Root $root
    }
    AfterAll { Remove-TestRoot $root }

    It 'returns four drift rows per system, and warns about a missing baseline' {
        $rows = Compare-TelemetrySnapshot -Last 7 -Baseline 30 -Root $root -WarningVariable warnings -WarningAction SilentlyContinue

        $rows | Should -HaveCount 4
        $rows[0] | Should -BeOfType ([ZosTelemetry.Snapshots.SnapshotDrift])
        $rows.Metric | Should -Be 'mean_confidence', 'reject_rate', 'mean_entropy', 'class_mix'
        ($rows | Where-Object Metric -EQ mean_confidence).Recent | Should -Be 0.6467
        $warnings | Should -HaveCount 1
    }

    It 'returns Markdown with -AsMarkdown and shows a table by default' {
        $md = Compare-TelemetrySnapshot -AsMarkdown -Root $root -WarningAction SilentlyContinue
        $text = Compare-TelemetrySnapshot -Root $root -WarningAction SilentlyContinue | Out-String -Width 120

        $md | Should -BeOfType ([string])
        $md | Should -Match '\| router \| Mean confidence \|'
        $text | Should -Match 'Baseline\s+Recent\s+Change'
    }
}

Describe 'Test-TelemetrySuggestion' {
    BeforeEach { $root = New-TestRoot }
    AfterEach { Remove-TestRoot $root }

    It 'returns a warning object when a loaded model surfaced no suggestion on an active day' {
        $null = [pscustomobject]@{ Label = 'unknown' } | New-TelemetrySnapshot -System router -Root $root
        $today = (Get-Date).ToUniversalTime()

        $check = Test-TelemetrySuggestion -Date $today -ModelLoaded -Root $root -WarningVariable warnings -WarningAction SilentlyContinue

        $check | Should -BeOfType ([ZosTelemetry.Snapshots.SuggestionCheck])
        $check.Warning | Should -BeTrue
        $check.Active | Should -BeTrue
        $warnings | Should -HaveCount 1
        (Test-TelemetrySuggestion -Date $today -Root $root).Warning | Should -BeFalse
    }

    It 'counts suggestion events and fills the day''s snapshots' {
        $null = [pscustomobject]@{ Label = 'a' } | New-TelemetrySnapshot -System router -Root $root
        Add-TelemetryEvent -SessionId s1 -System router -Kind suggestion -Root $root

        $check = Test-TelemetrySuggestion (Get-Date).ToUniversalTime() -System router -ModelLoaded -Root $root

        $check.Suggestions | Should -Be 1
        $check.Warning | Should -BeFalse
        $check.SnapshotsFilled | Should -Be 1
        (Get-TelemetrySnapshot -Root $root).SuggestionsPerDay | Should -Be 1
        ($check | Out-String -Width 120) | Should -Match 'Suggestions'
    }
}

Describe 'The help examples of the snapshot cmdlets' {
    BeforeAll {
        $scratch = New-TestRoot
        $previous = $env:ZOS_HOME
        $env:ZOS_HOME = $scratch
        Push-Location $scratch
        'Label,Confidence,Timestamp', 'premium,0.9,2026-12-01T10:00:00Z', 'abstain,,2026-12-01T11:00:00Z' | Set-Content ./predictions.csv
    }
    AfterAll {
        Pop-Location
        $env:ZOS_HOME = $previous
        Remove-TestRoot $scratch
    }

    It 'runs every example of <_> without an error' -ForEach 'New-TelemetrySnapshot', 'Get-TelemetrySnapshot', 'Compare-TelemetrySnapshot', 'Test-TelemetrySuggestion' {
        $page = Get-Content -LiteralPath "$PSScriptRoot/../../docs/cmdlets/$_.md" -Raw
        $examples = [regex]::Matches($page, '```powershell\r?\n(?<code>.*?)```', 'Singleline') | ForEach-Object { $_.Groups['code'].Value }
        $examples | Should -Not -BeNullOrEmpty
        foreach ($code in $examples) {
            # An example that ends a script on a warning ends here with its exit code instead.
            $code = $code -replace '\{ exit 1 \}', '{ "exit 1" }'
            { $null = Invoke-Expression $code } | Should -Not -Throw -Because $code
        }
    }
}
