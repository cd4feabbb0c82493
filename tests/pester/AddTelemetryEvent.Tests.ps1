# Add-TelemetryEvent and Get-TelemetryEvent: parameters, pipeline binding by property name (objects and CSV),
# content-free marking, and refused values reported per record without losing the others.
BeforeAll {
    Import-Module "$PSScriptRoot/../../ZosTelemetry.psd1" -Force
    . "$PSScriptRoot/TestSupport.ps1"
    $march = [DateTimeOffset]::new(2024, 3, 1, 10, 0, 0, [TimeSpan]::Zero)
}

Describe 'Add-TelemetryEvent' {
    BeforeEach {
        $root = New-TestRoot
    }

    AfterEach {
        Remove-TestRoot $root
    }

    It 'stores an event that Get-TelemetryEvent returns field for field' {
        Add-TelemetryEvent -Root $root -SessionId 's-1' -System 'alpha' -Kind 'assistant_message' -Role 'assistant' -Context 'repo-a' `
            -Model 'claude-sonnet-4' -TokensIn 1200 -TokensOut 350 -CostUsd 0.0123 -Timestamp $march -Marker 'x.tool-edit'

        $events = @(Get-TelemetryEvent -Root $root)

        $events | Should -HaveCount 1
        $e = $events[0]
        $e | Should -BeOfType ([ZosTelemetry.Events.TelemetryEvent])
        $e.SessionId | Should -BeExactly 's-1'
        $e.System | Should -BeExactly 'alpha'
        $e.Kind | Should -BeExactly 'assistant_message'
        $e.Role | Should -BeExactly 'assistant'
        $e.Context | Should -BeExactly 'repo-a'
        $e.Model | Should -BeExactly 'claude-sonnet-4'
        $e.TokensIn | Should -Be 1200
        $e.TokensOut | Should -Be 350
        $e.CostUsd | Should -Be 0.0123
        $e.Timestamp | Should -Be $march
        @($e.Markers) | Should -Be @('x.tool-edit')
    }

    It 'writes nothing to the pipeline without -PassThru' {
        $out = Add-TelemetryEvent -Root $root -SessionId 's-1' -System 'alpha' -Kind 'user_message'

        $out | Should -BeNullOrEmpty
    }

    It 'emits the stored, normalised event with -PassThru' {
        $before = [DateTimeOffset]::UtcNow.AddSeconds(-1)

        $e = Add-TelemetryEvent -Root $root -SessionId 's-1' -System 'alpha' -Kind 'user_message' -Context '' -PassThru

        $e | Should -BeOfType ([ZosTelemetry.Events.TelemetryEvent])
        $e.Context | Should -BeNullOrEmpty
        $e.Timestamp | Should -BeGreaterOrEqual $before
        $e.Timestamp.Offset | Should -Be ([TimeSpan]::Zero)
    }

    It 'reads a timestamp string without an offset as UTC, as the CLI does' {
        $e = Add-TelemetryEvent -Root $root -SessionId 's-1' -System 'alpha' -Kind 'user_message' -Timestamp '2024-03-01T10:00:00' -PassThru

        $e.Timestamp | Should -Be $march
    }

    It 'binds [pscustomobject] rows by property name' {
        $rows = @(
            [pscustomobject]@{ SessionId = 'p-1'; System = 'alpha'; Kind = 'user_message'; Timestamp = $march }
            [pscustomobject]@{ SessionId = 'p-1'; System = 'alpha'; Kind = 'assistant_message'; Timestamp = $march.AddSeconds(5); TokensIn = 10; TokensOut = 20; CostUsd = 0.5; Model = 'm-1' }
            [pscustomobject]@{ SessionId = 'p-2'; System = 'beta'; Kind = 'user_message'; Timestamp = $march.AddSeconds(9); Marker = 'corr.strong.10' }
        )

        $rows | Add-TelemetryEvent -Root $root

        $events = @(Get-TelemetryEvent -Root $root)
        $events | Should -HaveCount 3
        $events[1].TokensOut | Should -Be 20
        $events[1].CostUsd | Should -Be 0.5
        $events[1].Model | Should -BeExactly 'm-1'
        $events[2].System | Should -BeExactly 'beta'
        @($events[2].Markers) | Should -Be @('corr.strong.10')
    }

    It 'binds Import-Csv rows, taking empty cells of optional columns as not given' {
        $csv = Join-Path $TestDrive 'events.csv'
        Set-Content -LiteralPath $csv -Encoding utf8 -Value @(
            'SessionId,System,Kind,Role,Context,Model,TokensIn,TokensOut,CostUsd,Timestamp,Marker'
            'csv-1,alpha,user_message,user,,,,,,2024-03-01T10:00:00Z,'
            'csv-1,alpha,assistant_message,assistant,repo-a,claude-sonnet-4,1200,350,0.0123,2024-03-01T10:00:05Z,'
            'csv-1,alpha,user_message,,,,,,,,corr.strong.10'
        )
        $before = [DateTimeOffset]::UtcNow.AddSeconds(-1)

        Import-Csv -LiteralPath $csv | Add-TelemetryEvent -Root $root -ErrorVariable errs

        $errs | Should -BeNullOrEmpty
        $events = @(Get-TelemetryEvent -Root $root -SessionId 'csv-1')
        $events | Should -HaveCount 3
        $events[0].Timestamp | Should -Be $march
        $events[0].TokensIn | Should -Be 0
        $events[0].CostUsd | Should -BeNullOrEmpty   # cost not given: unknown, not zero
        $events[0].Model | Should -BeNullOrEmpty
        @($events[0].Markers) | Should -HaveCount 0
        $events[1].TokensIn | Should -Be 1200
        $events[1].TokensIn | Should -BeOfType ([long])
        $events[1].CostUsd | Should -Be 0.0123
        $events[1].Context | Should -BeExactly 'repo-a'
        $events[2].Timestamp | Should -BeGreaterOrEqual $before
        @($events[2].Markers) | Should -Be @('corr.strong.10')
    }

    It 'resolves a relative -Root against the current PowerShell location' {
        Push-Location -LiteralPath $root
        try {
            Add-TelemetryEvent -Root 'relative-store' -SessionId 's-1' -System 'alpha' -Kind 'user_message'
        }
        finally {
            Pop-Location
        }

        Test-Path -LiteralPath (Join-Path $root 'relative-store') | Should -BeTrue
        @(Get-TelemetryEvent -Root (Join-Path $root 'relative-store')) | Should -HaveCount 1
    }

    It 'copies events from one store to another through the pipeline' {
        $other = New-TestRoot
        try {
            Add-TelemetryEvent -Root $root -SessionId 's-1' -System 'alpha' -Kind 'user_message' -Timestamp $march -Marker 'corr.strong.1', 'corr.weak.2'
            Add-TelemetryEvent -Root $root -SessionId 's-1' -System 'alpha' -Kind 'assistant_message' -Timestamp $march.AddSeconds(3) -TokensIn 7 -CostUsd 0.25

            Get-TelemetryEvent -Root $root | Add-TelemetryEvent -Root $other

            $copied = @(Get-TelemetryEvent -Root $other)
            $copied | Should -HaveCount 2
            @($copied[0].Markers) | Should -Be @('corr.strong.1', 'corr.weak.2')
            $copied[1].Timestamp | Should -Be $march.AddSeconds(3)
            $copied[1].CostUsd | Should -Be 0.25
        }
        finally {
            Remove-TestRoot $other
        }
    }
}

Describe 'Add-TelemetryEvent -MarkText' {
    BeforeEach {
        $root = New-TestRoot
    }

    AfterEach {
        Remove-TestRoot $root
    }

    It 'stores the detector''s markers and never the text' {
        $e = Add-TelemetryEvent -Root $root -SessionId 's-1' -System 'alpha' -Kind 'user_message' `
            -MarkText "no, that's wrong, the zqxcanary function must stay" -PassThru

        $e.Markers | Should -Contain 'corr.strong.en.1'
        $e.PSObject.Properties.Name | Should -Not -Contain 'Text'
        $e.PSObject.Properties.Name | Should -Not -Contain 'MarkText'
        $files = @(Get-ChildItem -LiteralPath $root -Recurse -File)
        $files | Should -Not -BeNullOrEmpty
        $files | Select-String -SimpleMatch 'zqxcanary' | Should -BeNullOrEmpty
    }

    It 'merges detected markers with -Marker' {
        $e = Add-TelemetryEvent -Root $root -SessionId 's-1' -System 'alpha' -Kind 'user_message' -Marker 'x.tool-edit' `
            -MarkText "no, that's wrong" -PassThru

        $e.Markers | Should -Contain 'x.tool-edit'
        $e.Markers | Should -Contain 'corr.strong.en.1'
    }

    It 'stores only the version stamp for a message that is not a correction' {
        $e = Add-TelemetryEvent -Root $root -SessionId 's-1' -System 'alpha' -Kind 'user_message' -MarkText 'thanks, that fixed it' -PassThru

        @($e.Markers) | Should -Be @('det.v2')
    }

    It 'detects with version 1 when asked, without the stamp' {
        $e = Add-TelemetryEvent -Root $root -SessionId 's-1' -System 'alpha' -Kind 'user_message' -MarkText 'you misunderstood' -DetectorVersion 1 -PassThru

        @($e.Markers) | Should -Be @('corr.strong.2')
    }

    It 'marks a turn that restates the previous one, keeping only a fingerprint' {
        $null = Add-TelemetryEvent -Root $root -SessionId 's-r' -System 'alpha' -Kind 'user_message' -MarkText 'add a retry to the zqxupload function'
        $e = Add-TelemetryEvent -Root $root -SessionId 's-r' -System 'alpha' -Kind 'user_message' -MarkText 'please add a retry to the zqxupload function' -PassThru

        $e.Markers | Should -Contain 'corr.repeat'
        Get-ChildItem -LiteralPath $root -Recurse -File | Select-String -SimpleMatch 'zqxupload' | Should -BeNullOrEmpty
    }

    It 'refuses an unknown detector version' {
        { Add-TelemetryEvent -Root $root -SessionId 's-1' -System 'alpha' -Kind 'user_message' -MarkText 'x' -DetectorVersion 9 } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,ZosTelemetry.PowerShell.Commands.AddTelemetryEventCommand'
    }

    It 'binds a Text column from Import-Csv to -MarkText and keeps the text out of the store' {
        $csv = Join-Path $TestDrive 'messages.csv'
        Set-Content -LiteralPath $csv -Encoding utf8 -Value @(
            'SessionId,System,Kind,Text'
            't-1,alpha,user_message,"no, that''s wrong: zqxcanary is not the name"'
            't-1,alpha,user_message,thanks zqxcanary that fixed it'
        )

        Import-Csv -LiteralPath $csv | Add-TelemetryEvent -Root $root

        $events = @(Get-TelemetryEvent -Root $root)
        $events | Should -HaveCount 2
        $events[0].IsCorrection | Should -BeTrue
        $events[1].IsCorrection | Should -BeFalse
        Get-ChildItem -LiteralPath $root -Recurse -File | Select-String -SimpleMatch 'zqxcanary' | Should -BeNullOrEmpty
    }
}

Describe 'Add-TelemetryEvent refusals' {
    BeforeEach {
        $root = New-TestRoot
    }

    AfterEach {
        Remove-TestRoot $root
    }

    It 'reports a refused marker as InvalidTelemetryValue and leaves the store unchanged' {
        Add-TelemetryEvent -Root $root -SessionId 's-1' -System 'alpha' -Kind 'user_message' -Marker 'Bad Marker' `
            -ErrorVariable errs -ErrorAction SilentlyContinue

        $errs | Should -HaveCount 1
        $errs[0].FullyQualifiedErrorId | Should -BeExactly 'InvalidTelemetryValue,ZosTelemetry.PowerShell.Commands.AddTelemetryEventCommand'
        $errs[0].CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::InvalidArgument)
        $errs[0].TargetObject | Should -BeExactly 'markers'
        $errs[0].Exception | Should -BeOfType ([ZosTelemetry.Events.TelemetryValidationException])
        Get-ChildItem -LiteralPath $root -Recurse -File | Should -BeNullOrEmpty
        Get-TelemetryEvent -Root $root | Should -BeNullOrEmpty
    }

    It 'targets the refused field by name, never its text' {
        Add-TelemetryEvent -Root $root -SessionId 'has space' -System 'alpha' -Kind 'user_message' -ErrorVariable errs -ErrorAction SilentlyContinue

        $errs[0].TargetObject | Should -BeExactly 'session_id'
        $errs[0].Exception.Message | Should -Not -Match 'has space'
        $errs[0].Exception.Field | Should -BeExactly 'session_id'
    }

    It 'refuses one bad row of a pipeline and still stores the others' {
        $rows = @(
            [pscustomobject]@{ SessionId = 'ok-1'; System = 'alpha'; Kind = 'user_message' }
            [pscustomobject]@{ SessionId = 'bad-1'; System = 'alpha'; Kind = 'User Message' }
            [pscustomobject]@{ SessionId = 'ok-2'; System = 'alpha'; Kind = 'user_message' }
        )

        $rows | Add-TelemetryEvent -Root $root -ErrorVariable errs -ErrorAction SilentlyContinue

        $errs | Should -HaveCount 1
        $errs[0].FullyQualifiedErrorId | Should -BeExactly 'InvalidTelemetryValue,ZosTelemetry.PowerShell.Commands.AddTelemetryEventCommand'
        $errs[0].TargetObject | Should -BeExactly 'kind'
        (Get-TelemetryEvent -Root $root).SessionId | Should -Be @('ok-1', 'ok-2')
    }

    It 'reports an empty mandatory CSV cell through the validator' {
        $row = [pscustomobject]@{ SessionId = ''; System = 'alpha'; Kind = 'user_message' }

        $row | Add-TelemetryEvent -Root $root -ErrorVariable errs -ErrorAction SilentlyContinue

        $errs | Should -HaveCount 1
        $errs[0].FullyQualifiedErrorId | Should -BeExactly 'InvalidTelemetryValue,ZosTelemetry.PowerShell.Commands.AddTelemetryEventCommand'
        $errs[0].Exception.Field | Should -BeExactly 'session_id'
    }

    It 'refuses a negative token count' {
        Add-TelemetryEvent -Root $root -SessionId 's-1' -System 'alpha' -Kind 'user_message' -TokensIn -5 -ErrorVariable errs -ErrorAction SilentlyContinue

        $errs[0].FullyQualifiedErrorId | Should -BeExactly 'InvalidTelemetryValue,ZosTelemetry.PowerShell.Commands.AddTelemetryEventCommand'
        $errs[0].TargetObject | Should -Be -5
    }

    It 'stops with StoreError when -Root is not a file-system path' {
        { Add-TelemetryEvent -Root 'Env:\ZOS_NOT_A_STORE' -SessionId 's-1' -System 'alpha' -Kind 'user_message' } |
            Should -Throw -ErrorId 'StoreError,ZosTelemetry.PowerShell.Commands.AddTelemetryEventCommand'
    }

    It 'refuses a timestamp that is not ISO-8601 at binding' {
        { Add-TelemetryEvent -Root $root -SessionId 's-1' -System 'alpha' -Kind 'user_message' -Timestamp 'yesterday' -ErrorAction Stop } |
            Should -Throw -ErrorId 'ParameterArgumentTransformationError,ZosTelemetry.PowerShell.Commands.AddTelemetryEventCommand'
    }
}

Describe 'Get-TelemetryEvent' {
    BeforeAll {
        $root = New-TestRoot
        $null = Add-TestSession -Root $root -SessionId 'a-1' -System 'alpha' -UserTurns 2 -Start $march
        $null = Add-TestSession -Root $root -SessionId 'b-1' -System 'beta' -UserTurns 1 -Start $march.AddDays(40)
    }

    AfterAll {
        Remove-TestRoot $root
    }

    It 'returns every event, oldest month first' {
        $events = @(Get-TelemetryEvent -Root $root)

        $events | Should -HaveCount 6
        $events[0].SessionId | Should -BeExactly 'a-1'
        $events[-1].SessionId | Should -BeExactly 'b-1'
    }

    It 'filters by session, system and kind' {
        @(Get-TelemetryEvent -Root $root -SessionId 'a-1') | Should -HaveCount 4
        @(Get-TelemetryEvent -Root $root -System 'beta') | Should -HaveCount 2
        @(Get-TelemetryEvent -Root $root -System 'alpha' -Kind 'user_message') | Should -HaveCount 2
    }

    It 'filters by time, Since inclusive and Until exclusive' {
        @(Get-TelemetryEvent -Root $root -Since $march.AddDays(1)) | Should -HaveCount 2
        @(Get-TelemetryEvent -Root $root -Until $march.AddMinutes(1)) | Should -HaveCount 2
        @(Get-TelemetryEvent -Root $root -Since '2024-03-01T10:00:30Z' -Until '2024-03-01T10:01:30Z') | Should -HaveCount 2
    }

    It 'reads nothing, and reports nothing, from a store that does not exist yet' {
        Get-TelemetryEvent -Root (Join-Path $root 'no-such-store') -ErrorVariable errs | Should -BeNullOrEmpty

        $errs | Should -BeNullOrEmpty
    }

    It 'skips an unreadable row with a warning naming the file and line' {
        $damaged = New-TestRoot
        try {
            Add-TelemetryEvent -Root $damaged -SessionId 's-1' -System 'alpha' -Kind 'user_message' -Timestamp $march
            Add-Content -LiteralPath (Join-Path $damaged 'events-2024-03.jsonl') -Value 'this is not json'

            $events = @(Get-TelemetryEvent -Root $damaged -WarningVariable warnings -WarningAction SilentlyContinue)

            $events | Should -HaveCount 1
            $warnings | Should -HaveCount 1
            "$($warnings[0])" | Should -Match 'events-2024-03\.jsonl:2: skipped'
        }
        finally {
            Remove-TestRoot $damaged
        }
    }

    It 'streams, so a downstream Select-Object -First stops the read' {
        @(Get-TelemetryEvent -Root $root | Select-Object -First 1) | Should -HaveCount 1
    }
}
