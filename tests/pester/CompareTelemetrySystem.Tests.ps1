# Compare-TelemetrySystem (report object, warnings, Markdown, default display) and Test-TelemetryCorrection.
BeforeAll {
    Import-Module "$PSScriptRoot/../../ZosTelemetry.psd1" -Force
    . "$PSScriptRoot/TestSupport.ps1"
    $march = [DateTimeOffset]::new(2024, 3, 1, 10, 0, 0, [TimeSpan]::Zero)
}

Describe 'Compare-TelemetrySystem' {
    BeforeAll {
        $root = New-TestRoot
        for ($i = 0; $i -lt 3; $i++) {
            $null = Add-TestSession -Root $root -SessionId "a-$i" -System 'alpha' -Corrections $i -UserTurns 3 -CostUsd 0.10 -Start $march.AddHours($i)
            $null = Add-TestSession -Root $root -SessionId "b-$i" -System 'beta' -Corrections 0 -UserTurns 3 -CostUsd 0.20 -Start $march.AddHours($i)
        }
    }

    AfterAll {
        Remove-TestRoot $root
    }

    It 'returns a report with one comparison per metric' {
        $report = Compare-TelemetrySystem -Root $root -SystemA 'alpha' -SystemB 'beta' -WarningAction SilentlyContinue

        $report | Should -BeOfType ([ZosTelemetry.Comparison.ComparisonReport])
        $report.Metrics | Should -HaveCount ([ZosTelemetry.Comparison.ComparisonMetric]::All.Count)
        $report.A.Sessions | Should -Be 3
        $report.B.Sessions | Should -Be 3
        $corrections = $report.Metrics | Where-Object Metric -EQ 'corrections_per_session'
        $corrections.MeanA | Should -Be 1
        $corrections.MeanB | Should -Be 0
        $corrections.Difference | Should -Be 1
    }

    It 'refuses the same system on both sides' {
        { Compare-TelemetrySystem -Root $root -SystemA 'alpha' -SystemB 'alpha' } |
            Should -Throw -ErrorId 'InvalidTelemetryValue,ZosTelemetry.PowerShell.Commands.CompareTelemetrySystemCommand'
    }

    It 'takes the two systems by position' {
        $report = Compare-TelemetrySystem 'alpha' 'beta' -Root $root -WarningAction SilentlyContinue

        $report.SystemA | Should -BeExactly 'alpha'
        $report.SystemB | Should -BeExactly 'beta'
    }

    It 'warns on the warning stream when a sample is small' {
        $report = Compare-TelemetrySystem -Root $root -SystemA 'alpha' -SystemB 'beta' -WarningVariable warnings -WarningAction SilentlyContinue

        $report.IsSmallSample | Should -BeTrue
        $warnings | Should -HaveCount $report.Warnings.Count
        ($warnings -join "`n") | Should -Match 'Small sample'
    }

    It 'shows the metric table by default' {
        $report = Compare-TelemetrySystem -Root $root -SystemA 'alpha' -SystemB 'beta' -WarningAction SilentlyContinue

        $text = $report | Out-String

        $text | Should -Match 'alpha \(A\) vs beta \(B\)'
        $text | Should -Match 'Corrections / session'
        $text | Should -Match 'Cost USD / session'
    }

    It 'renders Markdown with -AsMarkdown' {
        $markdown = Compare-TelemetrySystem -Root $root -SystemA 'alpha' -SystemB 'beta' -AsMarkdown -WarningAction SilentlyContinue

        $markdown | Should -HaveCount 1
        $markdown | Should -BeOfType ([string])
        $markdown.Contains('| Metric |') | Should -BeTrue
    }

    It 'counts only sessions inside -WindowDays' {
        $report = Compare-TelemetrySystem -Root $root -SystemA 'alpha' -SystemB 'beta' -WindowDays 30 -WarningAction SilentlyContinue

        $report.WindowDays | Should -Be 30
        $report.A.Sessions | Should -Be 0
    }

    It 'refuses a negative window at binding' {
        { Compare-TelemetrySystem -Root $root -SystemA 'alpha' -SystemB 'beta' -WindowDays -1 } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,ZosTelemetry.PowerShell.Commands.CompareTelemetrySystemCommand'
    }
}

Describe 'Test-TelemetryCorrection' {
    It 'recognises a correction' {
        $result = Test-TelemetryCorrection -Text "no, that's wrong"

        $result | Should -BeOfType ([ZosTelemetry.Detection.CorrectionResult])
        $result.IsCorrection | Should -BeTrue
        $result.Markers | Should -Contain 'corr.strong.en.1'
        $result.DetectorVersion | Should -Be ([ZosTelemetry.Detection.CorrectionDetector]::Version)
    }

    It 'asks version 1 when told to' {
        $result = Test-TelemetryCorrection -Text 'you misunderstood' -DetectorVersion 1

        $result.DetectorVersion | Should -Be 1
        $result.Markers | Should -Be @('corr.strong.2')
    }

    It 'reads German, Russian and Japanese, naming the language in the marker' {
        (Test-TelemetryCorrection -Text 'Das ist nicht das, was ich wollte').Markers | Should -Match '^corr\.[a-z]+\.de\.\d+$'
        (Test-TelemetryCorrection -Text 'Всё ещё не работает').Markers | Should -Match '^corr\.[a-z]+\.ru\.\d+$'
        (Test-TelemetryCorrection -Text 'まだ動きません').Markers | Should -Match '^corr\.[a-z]+\.ja\.\d+$'
    }

    It 'gives the repeat signal to piped texts of one session' {
        $rows = @(
            [pscustomobject]@{ SessionId = 's'; Text = 'add a retry to the upload function' }
            [pscustomobject]@{ SessionId = 's'; Text = 'please add a retry to the upload function' }
        )

        $results = @($rows | Test-TelemetryCorrection)

        $results[0].IsCorrection | Should -BeFalse
        $results[1].Markers | Should -Be @('corr.repeat')
    }

    It 'does not flag thanks' {
        (Test-TelemetryCorrection -Text 'thanks, that fixed it').IsCorrection | Should -BeFalse
    }

    It 'never carries the text' {
        $result = Test-TelemetryCorrection -Text "no, that's wrong"

        $result.PSObject.Properties.Name | Should -Not -Contain 'Text'
        ($result | Out-String) | Should -Not -Match "that's wrong"
    }

    It 'takes text from the pipeline, by value and by property name' {
        $byValue = @("no, that's wrong", 'thanks, that fixed it', '' | Test-TelemetryCorrection)
        $byName = @([pscustomobject]@{ Text = "no, that's wrong" } | Test-TelemetryCorrection)

        $byValue.IsCorrection | Should -Be @($true, $false, $false)
        $byName.IsCorrection | Should -Be @($true)
    }
}

Describe 'Measure-TelemetryDetector' {
    BeforeAll {
        $holdout = Join-Path $PSScriptRoot '../data/detector/v2-holdout.jsonl'
    }

    It 'emits one score per language and one for all, with intervals' {
        $rows = @(Measure-TelemetryDetector -Path $holdout)

        $rows[0] | Should -BeOfType ([ZosTelemetry.Detection.DetectorScore])
        $rows.Language | Should -Be @('en', 'de', 'fr', 'es', 'pt', 'ru', 'zh', 'ja', 'all')
        $all = $rows[-1]
        $all.Messages | Should -Be 224
        $all.Precision | Should -BeGreaterOrEqual 0.95
        $all.PrecisionLow | Should -BeLessOrEqual $all.Precision
        $all.RecallHigh | Should -BeGreaterOrEqual $all.Recall
    }

    It 'scores version 1 when asked' {
        (Measure-TelemetryDetector $holdout -DetectorVersion 1)[-1].DetectorVersion | Should -Be 1
    }

    It 'reports a malformed file as BadEvaluationFile without its text' {
        $bad = Join-Path $TestDrive 'bad.jsonl'
        Set-Content -LiteralPath $bad -Value '{"text":"zqsecret4455"}'

        Measure-TelemetryDetector $bad -ErrorVariable errs -ErrorAction SilentlyContinue

        $errs[0].FullyQualifiedErrorId | Should -BeLike 'BadEvaluationFile,*'
        $errs[0].Exception.Message | Should -Not -Match 'zqsecret4455'
    }

    It 'fits its table in 120 columns' {
        $text = Measure-TelemetryDetector $holdout | Format-Table | Out-String -Width 200
        ($text -split "`n" | Measure-Object -Maximum -Property Length).Maximum | Should -BeLessOrEqual 120
    }
}
