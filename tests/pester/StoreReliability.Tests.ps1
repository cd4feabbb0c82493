# Reliability and privacy through the cmdlets: Test-TelemetryStore and Repair-TelemetryStore on damaged stores, the
# ErrorRecords a busy, broken or refused write gets, and canary words that must never reach the store through
# -MarkText or a piped Text property. Every call passes -Root; every store is a fresh temporary directory.
BeforeAll {
    Import-Module "$PSScriptRoot/../../ZosTelemetry.psd1" -Force
    . "$PSScriptRoot/TestSupport.ps1"
    $march = [DateTimeOffset]::new(2024, 3, 1, 10, 0, 0, [TimeSpan]::Zero)

    # Adds two events and damages the March file the way a killed writer and a stray editor would.
    function New-DamagedStore {
        param([string] $Root)

        Add-TelemetryEvent -Root $Root -SessionId 'd-1' -System 'alpha' -Kind 'user_message' -Timestamp $march
        Add-TelemetryEvent -Root $Root -SessionId 'd-2' -System 'alpha' -Kind 'user_message' -Timestamp $march.AddMinutes(1)
        $file = Join-Path $Root 'events-2024-03.jsonl'
        [System.IO.File]::AppendAllText($file, "this is not json`n{`"schema`":1,`"ts`":`"2024-03")
        $file
    }
}

Describe 'Test-TelemetryStore' {
    BeforeEach {
        $root = New-TestRoot
    }

    AfterEach {
        Remove-TestRoot $root
    }

    It 'reports every file of a healthy store as ok' {
        $null = Add-TestSession -Root $root -SessionId 'h-1' -System 'alpha'

        $reports = @(Test-TelemetryStore -Root $root)

        $reports | Should -HaveCount 2
        $reports[0] | Should -BeOfType ([ZosTelemetry.Store.StoreFileReport])
        $reports.Status | Sort-Object -Unique | Should -Be 'ok'
        ($reports | Where-Object Kind -eq 'Events').Rows | Should -Be 4
        ($reports | Where-Object Kind -eq 'Sessions').Rows | Should -Be 1
    }

    It 'lists the skipped lines of a damaged file with line numbers and reasons, and changes nothing' {
        $file = New-DamagedStore -Root $root
        $before = [System.IO.File]::ReadAllBytes($file)

        $report = Test-TelemetryStore -Root $root

        $report.Name | Should -BeExactly 'events-2024-03.jsonl'
        $report.Rows | Should -Be 2
        $report.SkippedRows | Should -Be 2
        @($report.Skipped).Line | Should -Be @(3, 4)
        @($report.Skipped)[1].Reason | Should -Match '^torn last line'
        $report.Status | Should -BeExactly 'repairable'
        [System.IO.File]::ReadAllBytes($file) | Should -Be $before
    }

    It 'returns nothing, and no error, for a store that does not exist yet' {
        Test-TelemetryStore -Root (Join-Path $root 'missing') -ErrorVariable errs | Should -BeNullOrEmpty

        $errs | Should -BeNullOrEmpty
        Test-Path -LiteralPath (Join-Path $root 'missing') | Should -BeFalse
    }

    It 'has a default table view' {
        Get-FormatData -TypeName 'ZosTelemetry.Store.StoreFileReport' | Should -Not -BeNullOrEmpty
        Get-FormatData -TypeName 'ZosTelemetry.Store.StoreRepairResult' | Should -Not -BeNullOrEmpty
    }
}

Describe 'Repair-TelemetryStore' {
    BeforeEach {
        $root = New-TestRoot
    }

    AfterEach {
        Remove-TestRoot $root
    }

    It 'asks before it rewrites (ConfirmImpact High, -WhatIf)' {
        $command = Get-Command Repair-TelemetryStore

        $command.Parameters.ContainsKey('WhatIf') | Should -BeTrue
        $command.Parameters.ContainsKey('Confirm') | Should -BeTrue
        $command.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact |
            Should -Be ([System.Management.Automation.ConfirmImpact]::High)
    }

    It 'changes nothing with -WhatIf' {
        $file = New-DamagedStore -Root $root
        $before = [System.IO.File]::ReadAllBytes($file)

        Repair-TelemetryStore -Root $root -WhatIf | Should -BeNullOrEmpty

        [System.IO.File]::ReadAllBytes($file) | Should -Be $before
    }

    It 'rewrites the file without its unusable lines once confirmed' {
        $file = New-DamagedStore -Root $root

        $result = Repair-TelemetryStore -Root $root -Confirm:$false

        $result | Should -BeOfType ([ZosTelemetry.Store.StoreRepairResult])
        $result.KeptRows | Should -Be 2
        $result.RemovedLines | Should -Be 2
        @([System.IO.File]::ReadAllLines($file)) | Should -HaveCount 2
        (Test-TelemetryStore -Root $root).Status | Should -BeExactly 'ok'
        @(Get-TelemetryEvent -Root $root -WarningVariable warnings -WarningAction SilentlyContinue) | Should -HaveCount 2
        $warnings | Should -BeNullOrEmpty
    }

    It 'repairs only the files piped from Test-TelemetryStore' {
        $null = New-DamagedStore -Root $root
        Add-TelemetryEvent -Root $root -SessionId 'a-1' -System 'alpha' -Kind 'user_message' -Timestamp $march.AddDays(40)
        $april = Join-Path $root 'events-2024-04.jsonl'
        [System.IO.File]::AppendAllText($april, "garbage`n")
        $aprilBefore = [System.IO.File]::ReadAllBytes($april)

        $results = @(Test-TelemetryStore -Root $root | Where-Object Name -eq 'events-2024-03.jsonl' | Repair-TelemetryStore -Root $root -Confirm:$false)

        $results | Should -HaveCount 1
        $results[0].Name | Should -BeExactly 'events-2024-03.jsonl'
        [System.IO.File]::ReadAllBytes($april) | Should -Be $aprilBefore
    }
}

Describe 'Errors of a write that cannot happen' {
    BeforeEach {
        $root = New-TestRoot
        $savedTimeout = $env:ZOS_LOCK_TIMEOUT
    }

    AfterEach {
        $env:ZOS_LOCK_TIMEOUT = $savedTimeout
        Remove-TestRoot $root
    }

    It 'reports a store locked by another writer as StoreBusy after $env:ZOS_LOCK_TIMEOUT seconds' {
        Add-TelemetryEvent -Root $root -SessionId 's-1' -System 'alpha' -Kind 'user_message'
        $held = [System.IO.File]::Open((Join-Path $root '.lock'), [System.IO.FileMode]::OpenOrCreate, [System.IO.FileAccess]::ReadWrite, [System.IO.FileShare]::None)
        try {
            $env:ZOS_LOCK_TIMEOUT = '0.2'
            Add-TelemetryEvent -Root $root -SessionId 's-2' -System 'alpha' -Kind 'user_message' -ErrorVariable errs -ErrorAction SilentlyContinue
        }
        finally {
            $held.Dispose()
        }

        $errs | Should -HaveCount 1
        $errs[0].FullyQualifiedErrorId | Should -BeExactly 'StoreBusy,ZosTelemetry.PowerShell.Commands.AddTelemetryEventCommand'
        $errs[0].CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::ResourceBusy)
        $errs[0].Exception.Message | Should -Match 'gave up after 0\.2 s'
        @(Get-TelemetryEvent -Root $root) | Should -HaveCount 1
    }

    It 'stops with InvalidTelemetryValue when $env:ZOS_LOCK_TIMEOUT is not a number of seconds' {
        $env:ZOS_LOCK_TIMEOUT = 'forever'

        { Add-TelemetryEvent -Root $root -SessionId 's-1' -System 'alpha' -Kind 'user_message' } |
            Should -Throw -ErrorId 'InvalidTelemetryValue,ZosTelemetry.PowerShell.Commands.AddTelemetryEventCommand'
    }

    It 'lets readers and Test-TelemetryStore run whatever $env:ZOS_LOCK_TIMEOUT says, since they take no lock' {
        Add-TelemetryEvent -Root $root -SessionId 's-1' -System 'alpha' -Kind 'user_message'
        $env:ZOS_LOCK_TIMEOUT = 'forever'

        @(Get-TelemetryEvent -Root $root) | Should -HaveCount 1
        @(Test-TelemetryStore -Root $root) | Should -HaveCount 1
    }

    It 'reports a root that is a file as StoreError, WriteError' {
        $file = Join-Path $root 'not-a-directory'
        Set-Content -LiteralPath $file -Value 'x'

        # One terminating error, as from every cmdlet (#10): a -Root that is a file stops the command before any row.
        $errs = @()
        try { Add-TelemetryEvent -Root $file -SessionId 's-1' -System 'alpha' -Kind 'user_message' } catch { $errs += $_ }

        $errs[0].FullyQualifiedErrorId | Should -BeExactly 'StoreError,ZosTelemetry.PowerShell.Commands.AddTelemetryEventCommand'
        $errs[0].CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::WriteError)
        $errs[0].Exception.Message | Should -Match 'is a file, not a directory'
    }

    It 'refuses an e-mail address as <Field> and says what it looked like' -ForEach @(
        @{ Field = 'System' }
        @{ Field = 'Context' }
        @{ Field = 'Role' }
        @{ Field = 'SessionId' }
    ) {
        $values = @{ Root = $root; SessionId = 's-1'; System = 'alpha'; Kind = 'user_message' }
        $values[$Field] = 'alice.smith@example.com'

        Add-TelemetryEvent @values -ErrorVariable errs -ErrorAction SilentlyContinue

        $errs[0].FullyQualifiedErrorId | Should -BeExactly 'InvalidTelemetryValue,ZosTelemetry.PowerShell.Commands.AddTelemetryEventCommand'
        $errs[0].CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::InvalidArgument)
        $errs[0].Exception.Message | Should -Match 'It looks like an e-mail address'
        Get-ChildItem -LiteralPath $root -Recurse -File -Force | Should -BeNullOrEmpty
    }
}

Describe 'No content through -MarkText and the Text property (canary words)' {
    BeforeAll {
        $root = New-TestRoot
        $random = [System.Random]::new(20260610)
        $alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789'
        $templates = @(
            "no, that's wrong, {0} is not what I asked for"
            'you misunderstood me: the {0} module must stay'
            'revert that, {0} was fine before'
            'still failing with {0}'
            'thanks, that fixed {0}'
            'my e-mail is {0}@example.com, see https://example.com/?q={0} and /home/alice/{0}.txt'
        )
        $canaries = [System.Collections.Generic.List[string]]::new()

        function New-CanaryMessage {
            $canary = 'zq' + (-join (1..10 | ForEach-Object { $alphabet[$random.Next($alphabet.Length)] }))
            $canaries.Add($canary)
            $templates[$random.Next($templates.Count)] -f $canary
        }

        # -MarkText as a parameter, the Text property of piped objects, and a Text column from Import-Csv.
        for ($i = 0; $i -lt 300; $i++) {
            Add-TelemetryEvent -Root $root -SessionId "m-$([math]::Floor($i / 20))" -System 'alpha' -Kind 'user_message' -MarkText (New-CanaryMessage)
        }

        $piped = for ($i = 0; $i -lt 300; $i++) {
            [pscustomobject]@{ SessionId = "p-$([math]::Floor($i / 20))"; System = 'beta'; Kind = 'user_message'; Text = (New-CanaryMessage) }
        }
        $piped | Add-TelemetryEvent -Root $root

        $csv = Join-Path $TestDrive 'messages.csv'
        $rows = for ($i = 0; $i -lt 100; $i++) {
            [pscustomobject]@{ SessionId = 'csv-1'; System = 'gamma'; Kind = 'user_message'; Text = (New-CanaryMessage) }
        }
        $rows | Export-Csv -LiteralPath $csv -NoTypeInformation
        Import-Csv -LiteralPath $csv | Add-TelemetryEvent -Root $root

        Get-TelemetryEvent -Root $root | Select-Object -ExpandProperty SessionId -Unique | Close-TelemetrySession -Root $root | Out-Null
    }

    AfterAll {
        Remove-TestRoot $root
    }

    It 'stored every event, and the detector scored the corrections among them' {
        $events = @(Get-TelemetryEvent -Root $root)

        $events | Should -HaveCount 700
        @($events | Where-Object IsCorrection).Count | Should -BeGreaterThan 100
    }

    It 'has no canary word in any byte under the root' {
        $files = @(Get-ChildItem -LiteralPath $root -Recurse -File -Force)
        $files | Should -Not -BeNullOrEmpty
        $text = -join ($files | ForEach-Object { [System.IO.File]::ReadAllText($_.FullName, [System.Text.Encoding]::Latin1) })

        $canaries | Should -HaveCount 700
        @($canaries | Where-Object { $text.Contains($_) }) | Should -BeNullOrEmpty
    }
}
