# Contracts and privacy classes as users call them: Get-TelemetrySchema's objects and views, keyed user hashes
# through -UserName, reset of the import bookkeeping through Clear-TelemetryStore, and a canary through every
# cmdlet parameter that appears in no stream, no error record and no byte under the root.
BeforeAll {
    Import-Module "$PSScriptRoot/../../ZosTelemetry.psd1" -Force
    . "$PSScriptRoot/TestSupport.ps1"
}

Describe 'Get-TelemetrySchema' {
    It 'returns every event family with its classes as typed objects' {
        $families = Get-TelemetrySchema

        $families | Should -Not -BeNullOrEmpty
        $families[0] | Should -BeOfType ([ZosTelemetry.Contracts.TelemetryFamily])
        ($families | Where-Object Name -eq 'conversation').Kinds | Should -Contain 'user_message'
        $families.SensitivityClass | ForEach-Object { $_ | Should -BeIn 'S0', 'S1', 'S2' }
        $families.TransmissionClass | Sort-Object -Unique | Should -Be 'explicit_operator_export'
    }

    It 'filters families by wildcard' {
        (Get-TelemetrySchema -Name 'session*').Name | Should -Be 'session_summary'
    }

    It 'lists the marker vocabularies with the detector pattern from the detector' {
        $markers = Get-TelemetrySchema -MarkerFamily

        ($markers | Where-Object Name -eq 'corr').Pattern | Should -Be ([ZosTelemetry.Detection.CorrectionMarkers]::CorrectionExpression)
        ($markers | Where-Object Name -eq 'tool').Markers | Should -Contain 'tool.error'
        ($markers | Where-Object Name -eq 'x').MaxPerEvent | Should -Be 4
    }

    It 'gives the class of every kind of store file' {
        $files = Get-TelemetrySchema -StoreFile

        ($files | Where-Object Pattern -eq 'user.key').TransmissionClass | Should -Be 'local_only'
        ($files | Where-Object Pattern -eq 'events-YYYY-MM.jsonl').SensitivityClass | Should -Be 'S2'
    }

    It 'prints a JSON Schema of draft 2020-12' {
        $schema = Get-TelemetrySchema -RowType event | ConvertFrom-Json

        $schema.'$schema' | Should -Be 'https://json-schema.org/draft/2020-12/schema'
        $schema.properties.markers.maxItems | Should -Be 32
    }

    It 'formats families in a table that fits 120 columns' {
        $text = Get-TelemetrySchema | Format-Table | Out-String -Width 120

        $text | Should -Match 'conversation'
        $text | Should -Match 'S2'
    }
}

Describe 'Keyed user hash and reset' {
    BeforeEach { $root = New-TestRoot }
    AfterEach { Remove-TestRoot $root }

    It 'stores -UserName as a keyed hash and creates user.key private' {
        $e = Add-TelemetryEvent -Root $root -SessionId s1 -System sys -Kind llm_call -UserName 'alice' -PassThru

        $e.User | Should -Match '^[0-9a-f]{16}$'
        $sha = [System.Security.Cryptography.SHA256]::HashData([Text.Encoding]::UTF8.GetBytes('alice'))
        $e.User | Should -Not -Be ([Convert]::ToHexString($sha, 0, 8).ToLowerInvariant())
        Test-Path (Join-Path $root 'user.key') | Should -BeTrue
        if (-not $IsWindows) { (Get-Item (Join-Path $root 'user.key')).UnixMode | Should -Be '-rw-------' }
        (Add-TelemetryEvent -Root $root -SessionId s1 -System sys -Kind llm_call -UserName 'alice' -PassThru).User | Should -Be $e.User
    }

    It 'empties the import bookkeeping on Clear-TelemetryStore and says so' {
        Add-TelemetryEvent -Root $root -SessionId s1 -System sys -Kind llm_call
        Set-Content -LiteralPath (Join-Path $root 'import-state.json') -Value '{}'
        Set-Content -LiteralPath (Join-Path $root 'import-seen.bin') -Value ''

        $result = Clear-TelemetryStore -Root $root -Force

        $result.ImportFiles | Should -Be 2
        Test-Path (Join-Path $root 'import-state.json') | Should -BeFalse
        Test-Path (Join-Path $root 'import-seen.bin') | Should -BeFalse
    }
}

Describe 'Canary through every cmdlet parameter' {
    BeforeEach { $root = New-TestRoot }
    AfterEach { Remove-TestRoot $root }

    It 'appears in no output, error record, warning or stored byte' {
        $canary = 'Zq7canary'
        $sentence = "$canary please keep my secret plan quiet"
        $prose = 'zq7canary-tells-the-whole-story-today'
        $out = & {
            foreach ($p in 'SessionId', 'System', 'Kind', 'Role', 'Context', 'Model', 'Provider', 'Tier', 'Marker', 'User') {
                foreach ($value in $sentence, $prose) {
                    $params = @{ Root = $root; SessionId = 's1'; System = 'sys'; Kind = 'user_message' }
                    $params[$p] = $value
                    Add-TelemetryEvent @params -ErrorAction Continue
                }
            }
            Add-TelemetryEvent -Root $root -SessionId s1 -System sys -Kind user_message -MarkText "no, that's wrong $sentence" -UserName $canary -PassThru
            [pscustomobject]@{ SessionId = 's2'; System = 'sys'; Kind = 'user_message'; Text = $sentence; Context = $sentence } | Add-TelemetryEvent -Root $root -ErrorAction Continue
            Test-TelemetryCorrection -Text $sentence
            Close-TelemetrySession -Root $root -SessionId $sentence -ErrorAction Continue
            Close-TelemetrySession -Root $root -SessionId s1
            Get-TelemetryEvent -Root $root
            Test-TelemetryStore -Root $root
        } *>&1 | Out-String -Width 400

        $out | Should -Not -Match $canary
        ($Error | ForEach-Object { $_ | Out-String; $_.TargetObject }) -join "`n" | Should -Not -Match $canary
        $stored = Get-ChildItem -LiteralPath $root -Recurse -File | ForEach-Object { [IO.File]::ReadAllText($_.FullName) }
        ($stored -join "`n") | Should -Not -Match $canary
        (Get-TelemetryEvent -Root $root | Measure-Object).Count | Should -BeGreaterThan 0
    }
}
