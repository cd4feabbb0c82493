# Sync-TelemetryStore and -Database as users call them. Npgsql must not load with the module (a fresh pwsh proves it:
# a binary module cannot be unloaded), and loads in a context of its own when -Database is used. Against a server
# ($env:ZOS_TEST_DATABASE, an admin connection; .ci/run starts one): -Init, once-only sync, every reader over the
# database giving the objects it gives over the store, and no password in output, errors or -Verbose.
BeforeDiscovery {
    $noServer = [string]::IsNullOrWhiteSpace($env:ZOS_TEST_DATABASE)
}

BeforeAll {
    $repo = (Resolve-Path -LiteralPath "$PSScriptRoot/../..").Path
    Import-Module (Join-Path $repo 'ZosTelemetry.psd1') -Force
    . "$PSScriptRoot/TestSupport.ps1"
    . (Join-Path $repo 'tools/ChildPwsh.ps1')
}

Describe 'The team-store driver' {
    It 'is not loaded when the module is imported' {
        $loaded = Invoke-ChildPwsh -ScriptBlock {
            param([string] $Manifest)
            Import-Module $Manifest -ErrorAction Stop
            $null = Get-Command Sync-TelemetryStore, Get-TelemetrySession
            @([AppDomain]::CurrentDomain.GetAssemblies() | ForEach-Object { $_.GetName().Name } |
                Where-Object { $_ -match '^(Npgsql|ZosTelemetry\.Postgres|Microsoft\.Extensions\.Logging)' })
        } -ArgumentList (Join-Path $repo 'ZosTelemetry.psd1')

        @($loaded) | Should -HaveCount 0
    }

    It 'loads in a load context of its own, not the default one, when -Database is used' {
        $contexts = Invoke-ChildPwsh -ScriptBlock {
            param([string] $Manifest)
            Import-Module $Manifest -ErrorAction Stop
            try { Get-TelemetrySession -Database 'postgres://nobody:hunter2secret@[::1' -ErrorAction Stop } catch { $err = $_ }
            [pscustomobject]@{
                ErrorId  = $err.FullyQualifiedErrorId
                Message  = $err.Exception.Message
                Npgsql   = @([System.Runtime.Loader.AssemblyLoadContext]::All | Where-Object { $_.Assemblies.GetName().Name -contains 'ZosTelemetry.Postgres' } | ForEach-Object Name)
                Default  = @([System.Runtime.Loader.AssemblyLoadContext]::Default.Assemblies | ForEach-Object { $_.GetName().Name } | Where-Object { $_ -match '^(Npgsql|ZosTelemetry\.Postgres)$' })
            }
        } -ArgumentList (Join-Path $repo 'ZosTelemetry.psd1')

        $contexts.ErrorId | Should -BeLike 'InvalidTelemetryValue,*'
        $contexts.Message | Should -Not -Match 'hunter2secret'
        $contexts.Npgsql | Should -Be @('ZosTelemetry.TeamStore')
        @($contexts.Default) | Should -HaveCount 0
    }
}

Describe 'Sync-TelemetryStore and -Database against a server' -Skip:$noServer {
    BeforeAll {
        $admin = [uri] $env:ZOS_TEST_DATABASE
        $password = [uri]::UnescapeDataString(($admin.UserInfo -split ':', 2)[1])
        $name = 'zos_p_' + [guid]::NewGuid().ToString('N').Substring(0, 12)
        & psql $env:ZOS_TEST_DATABASE -q -c "CREATE DATABASE $name" | Out-Null
        if ($LASTEXITCODE -ne 0) { throw "psql could not create the test database $name" }
        $database = $env:ZOS_TEST_DATABASE -replace '/[^/?]*(\?|$)', "/$name`$1"

        $runner1 = New-TestRoot
        $runner2 = New-TestRoot
        $merged = New-TestRoot
        $null = Add-TestSession -Root $runner1 -SessionId 'a-1' -System 'alpha' -Corrections 1 -Model 'gpt-5'
        $null = Add-TestSession -Root $runner1 -SessionId 'a-2' -System 'alpha' -UserTurns 3
        $null = Add-TestSession -Root $runner2 -SessionId 'b-1' -System 'beta' -CostUsd 0.5
        $null = Merge-TelemetryStore -Root $merged -Path $runner1, $runner2
    }

    AfterAll {
        Remove-TestRoot $runner1
        Remove-TestRoot $runner2
        Remove-TestRoot $merged
        & psql $env:ZOS_TEST_DATABASE -q -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" | Out-Null
    }

    It 'creates the schema with -Init and says its version' {
        $schema = Sync-TelemetryStore -Init -Database $database

        $schema | Should -BeOfType ([ZosTelemetry.Sync.TeamSchema])
        $schema.SchemaVersion | Should -BeGreaterThan 0
        $schema.Database | Should -Match "@$([regex]::Escape($admin.Host)):$($admin.Port)/$name$"
    }

    It 'sends each store once, from -Database or $env:ZOS_DATABASE' {
        $first = Sync-TelemetryStore -Root $runner1 -Database $database
        $env:ZOS_DATABASE = $database
        try {
            $second = Sync-TelemetryStore -Root $runner2
            $again = Sync-TelemetryStore -Root $runner1
        }
        finally {
            Remove-Item Env:ZOS_DATABASE
        }

        $first | Should -BeOfType ([ZosTelemetry.Sync.SyncResult])
        $first.EventsSent | Should -Be 10
        $first.SessionsSent | Should -Be 2
        $first.RowsNew | Should -Be 12
        $second.RowsNew | Should -Be 5
        $again.RowsSent | Should -Be 0
    }

    It '<Command> -Database gives what it gives over the merged stores' -ForEach @(
        @{ Command = 'Get-TelemetrySession'; Arguments = @{} }
        @{ Command = 'Get-TelemetrySession'; Arguments = @{ System = 'beta' } }
        @{ Command = 'Get-TelemetryErrorSummary'; Arguments = @{} }
        @{ Command = 'Get-TelemetryErrorSummary'; Arguments = @{ By = 'Model'; Fingerprint = $true } }
        @{ Command = 'Get-TelemetrySessionUsage'; Arguments = @{ TimeZone = 'Asia/Kathmandu'; Breakdown = $true } }
        @{ Command = 'Get-TelemetryModelScore'; Arguments = @{ By = 'System' } }
        @{ Command = 'Get-TelemetrySnapshot'; Arguments = @{ Last = 1 } }
        @{ Command = 'Compare-TelemetrySystem'; Arguments = @{ SystemA = 'alpha'; SystemB = 'beta' } }
        @{ Command = 'Get-TelemetryDailyUsage'; Arguments = @{ TimeZone = 'UTC' } }
        @{ Command = 'Get-TelemetryDailyUsage'; Arguments = @{ TimeZone = 'Asia/Kathmandu'; Breakdown = $true } }
        @{ Command = 'Get-TelemetryMonthlyUsage'; Arguments = @{ TimeZone = 'Pacific/Kiritimati'; System = 'beta' } }
        @{ Command = 'Compare-TelemetrySystem'; Arguments = @{ SystemA = 'beta'; SystemB = 'alpha'; WindowDays = 3650 } }
        @{ Command = 'Get-TelemetryMonthlyUsage'; Arguments = @{ TimeZone = 'UTC' } }
        @{ Command = 'Get-TelemetrySessionUsage'; Arguments = @{ TimeZone = 'UTC' } }
        @{ Command = 'Get-TelemetrySavings'; Arguments = @{ Since = '2024-01-01'; Until = '2024-12-31' } }
        @{ Command = 'Get-TelemetryAlert'; Arguments = @{} }
        @{ Command = 'Get-TelemetryModelScore'; Arguments = @{} }
        @{ Command = 'Get-TelemetrySnapshot'; Arguments = @{} }
        @{ Command = 'Compare-TelemetrySnapshot'; Arguments = @{} }
    ) {
        $local = & $Command @Arguments -Root $merged | Select-Object -Property * -ExcludeProperty GeneratedAt | ConvertTo-Json -Depth 6
        $team = & $Command @Arguments -Database $database | Select-Object -Property * -ExcludeProperty GeneratedAt | ConvertTo-Json -Depth 6

        $team | Should -Be $local
    }

    It 'names the database without its password in -Verbose, output and errors' {
        $verbose = Sync-TelemetryStore -Root $runner1 -Database $database -Verbose 4>&1 | Out-String
        $verbose += Get-TelemetrySession -Database $database -Verbose 4>&1 | Out-String
        $summing = Get-TelemetryDailyUsage -Database $database -Verbose 4>&1 | Out-String
        $wrong = $database -replace [regex]::Escape(":$([uri]::EscapeDataString($password))@"), ":$([uri]::EscapeDataString($password))x@"
        { Get-TelemetrySession -Database $wrong -ErrorAction Stop } | Should -Throw -ErrorId 'StoreError,ZosTelemetry.PowerShell.Commands.GetTelemetrySessionCommand'
        $err = try { Get-TelemetrySession -Database $wrong -ErrorAction Stop } catch { $_ | Out-String }

        $verbose | Should -Match 'Querying '
        $summing | Should -Match 'Querying '
        $verbose + $summing + $err | Should -Not -Match ([regex]::Escape($password))
        $err | Should -Match 'refused the credentials'
    }

    It 'refuses -UserName over a database, saying why' {
        { Get-TelemetrySnapshot -Database $database -UserName 'ada' -ErrorAction Stop } | Should -Throw -ErrorId 'UserFilterOnTeamDatabase,ZosTelemetry.PowerShell.Commands.GetTelemetrySnapshotCommand'
        $err = try { Get-TelemetrySnapshot -Database $database -UserName 'ada' -ErrorAction Stop } catch { $_ | Out-String }
        $err | Should -Match 'user.key'
    }

    It 'refuses -Root and -Database together' {
        { Get-TelemetrySession -Root $merged -Database $database -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidTelemetryValue,ZosTelemetry.PowerShell.Commands.GetTelemetrySessionCommand'
    }
}
