# The module as a whole: manifest and exports agree, every cmdlet declares its output and takes -Root, every
# output type has a view, and system names complete from the store.
BeforeAll {
    $manifestPath = "$PSScriptRoot/../../ZosTelemetry.psd1"
    Import-Module $manifestPath -Force
    . "$PSScriptRoot/TestSupport.ps1"
    $manifest = Import-PowerShellDataFile -LiteralPath $manifestPath
    $commands = @(Get-Command -Module ZosTelemetry)
}

Describe 'ZosTelemetry module' {
    It 'exports exactly the cmdlets the manifest lists' {
        $commands | Should -HaveCount $manifest.CmdletsToExport.Count
        ($commands.Name | Sort-Object) | Should -Be ($manifest.CmdletsToExport | Sort-Object)
        $commands.CommandType | Sort-Object -Unique | Should -Be 'Cmdlet'
    }

    It 'declares an output type on every cmdlet' {
        $missing = $commands | Where-Object { $_.OutputType.Count -eq 0 }

        $missing | Should -BeNullOrEmpty
    }

    It 'takes -Root on every cmdlet' {
        $missing = $commands | Where-Object { -not $_.Parameters.ContainsKey('Root') }

        $missing | Should -BeNullOrEmpty
    }

    It 'has a default view for <TypeName>' -ForEach @(
        @{ TypeName = 'ZosTelemetry.Events.TelemetryEvent' }
        @{ TypeName = 'ZosTelemetry.Sessions.SessionSummary' }
        @{ TypeName = 'ZosTelemetry.Sessions.DailySummary' }
        @{ TypeName = 'ZosTelemetry.Detection.CorrectionResult' }
        @{ TypeName = 'ZosTelemetry.Comparison.ComparisonReport' }
        @{ TypeName = 'ZosTelemetry.Comparison.MetricComparison' }
        @{ TypeName = 'ZosTelemetry.Comparison.SystemStatistics' }
    ) {
        Get-FormatData -TypeName $TypeName | Should -Not -BeNullOrEmpty
    }

    It 'has a view for every declared output type of its own' {
        $types = $commands.OutputType.Name | Where-Object { $_ -like 'ZosTelemetry.*' } | Sort-Object -Unique

        $types | Should -Not -BeNullOrEmpty
        $types | Where-Object { -not (Get-FormatData -TypeName $_) } | Should -BeNullOrEmpty
    }
}

Describe 'System name completion' {
    BeforeAll {
        $root = New-TestRoot
        $null = Add-TestSession -Root $root -SessionId 'a-1' -System 'alpha'
        $null = Add-TestSession -Root $root -SessionId 'b-1' -System 'beta'
        # A name with a space, as an older version or another writer may have stored it (appends refuse spaces now).
        Add-Content -LiteralPath (Join-Path $root 'events-2024-03.jsonl') -Value '{"schema":1,"ts":"2024-03-01T10:00:00Z","session_id":"c-1","system":"my system","kind":"user_message","tokens_in":0,"tokens_out":0,"cost_usd":0,"markers":[]}'

        function Get-Completion([string] $InputScript) {
            (TabExpansion2 -inputScript $InputScript -cursorColumn $InputScript.Length).CompletionMatches
        }
    }

    AfterAll {
        Remove-TestRoot $root
    }

    It 'completes -SystemA with the systems in the store' {
        $completions = Get-Completion "Compare-TelemetrySystem -Root '$root' -SystemA "

        $completions.CompletionText | Should -Contain 'alpha'
        $completions.CompletionText | Should -Contain 'beta'
    }

    It 'filters by the word typed so far' {
        $completions = Get-Completion "Compare-TelemetrySystem -Root '$root' -SystemB al"

        $completions.CompletionText | Should -Be @('alpha')
    }

    It 'quotes names with spaces' {
        $completions = Get-Completion "Get-TelemetrySession -Root '$root' -System my"

        $completions.CompletionText | Should -Be @("'my system'")
        $completions.ListItemText | Should -Be @('my system')
    }

    It 'offers no system, without an error, for a store that does not exist' {
        $missing = Join-Path $root 'no-such-store'

        # With nothing from the completer PowerShell may fall back to file names, so only the systems are checked.
        $completions = Get-Completion "Compare-TelemetrySystem -Root '$missing' -SystemA "

        $completions.CompletionText | Should -Not -Contain 'alpha'
    }
}
