# Merge-TelemetryStore: stores of several runners combine into one, merging again adds nothing, paths come from
# the pipeline or wildcards, -WhatIf writes nothing, and a missing store is an error for that path only.
BeforeAll {
    Import-Module "$PSScriptRoot/../../ZosTelemetry.psd1" -Force
    . "$PSScriptRoot/TestSupport.ps1"
}

Describe 'Merge-TelemetryStore' {
    BeforeEach {
        $artifacts = New-TestRoot
        $runner1 = Join-Path $artifacts 'runner-1'
        $runner2 = Join-Path $artifacts 'runner-2'
        $null = Add-TestSession -Root $runner1 -SessionId 'a-1' -System 'alpha'
        $null = Add-TestSession -Root $runner2 -SessionId 'b-1' -System 'beta'
        $merged = New-TestRoot
    }

    AfterEach {
        Remove-TestRoot $artifacts
        Remove-TestRoot $merged
    }

    It 'adds the events and summaries of every source and reports each source' {
        $results = @(Merge-TelemetryStore -Root $merged -Path $runner1, $runner2)

        $results | Should -HaveCount 2
        $results[0] | Should -BeOfType ([ZosTelemetry.Store.MergeResult])
        $results.EventsAdded | Should -Be @(4, 4)
        $results.SessionsAdded | Should -Be @(1, 1)
        $results.RowsSkipped | Should -Be @(0, 0)
        (Get-TelemetrySession -Root $merged).SessionId | Sort-Object | Should -Be @('a-1', 'b-1')
    }

    It 'adds nothing when the same stores are merged again' {
        $null = Merge-TelemetryStore -Root $merged -Path $runner1, $runner2

        $again = @(Merge-TelemetryStore -Root $merged -Path $runner1, $runner2)

        ($again | Measure-Object -Property EventsAdded -Sum).Sum | Should -Be 0
        ($again | Measure-Object -Property SessionsAdded -Sum).Sum | Should -Be 0
        @(Get-TelemetryEvent -Root $merged) | Should -HaveCount 8
    }

    It 'takes directories from Get-ChildItem through the pipeline' {
        $results = @(Get-ChildItem -LiteralPath $artifacts -Directory | Merge-TelemetryStore -Root $merged)

        $results | Should -HaveCount 2
        @(Get-TelemetrySession -Root $merged) | Should -HaveCount 2
    }

    It 'expands wildcards' {
        $results = @(Merge-TelemetryStore -Root $merged -Path (Join-Path $artifacts 'runner-*'))

        $results | Should -HaveCount 2
    }

    It 'writes nothing with -WhatIf' {
        Merge-TelemetryStore -Root $merged -Path $runner1 -WhatIf

        @(Get-ChildItem -LiteralPath $merged -Force) | Should -HaveCount 0
    }

    It 'reports a missing store as StoreNotFound and still merges the others' {
        $missing = Join-Path $artifacts 'no-such-runner'

        $results = @(Merge-TelemetryStore -Root $merged -Path $missing, $runner1 -ErrorVariable errs -ErrorAction SilentlyContinue)

        $errs | Should -HaveCount 1
        $errs[0].FullyQualifiedErrorId | Should -BeExactly 'StoreNotFound,ZosTelemetry.PowerShell.Commands.MergeTelemetryStoreCommand'
        $errs[0].CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::ObjectNotFound)
        $results | Should -HaveCount 1
        $results[0].SessionsAdded | Should -Be 1
    }

    It 'refuses to merge a store into itself' {
        { Merge-TelemetryStore -Root $runner1 -Path $runner1 -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidTelemetryValue,ZosTelemetry.PowerShell.Commands.MergeTelemetryStoreCommand'
    }
}
