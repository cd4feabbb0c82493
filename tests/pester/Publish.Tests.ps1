# ./build.ps1 -Task Publish -LocalRepository X as a user runs it: the package lands in X even when a repository named
# ZosTelemetryLocal is already registered for another folder, and the user's PSResource repository list is exactly as
# it was. It runs in a child pwsh with a throwaway HOME, so the real user's registrations are never read or changed;
# dotnet keeps the real package cache, so the build needs no network.
BeforeAll {
    $repo = (Resolve-Path -LiteralPath "$PSScriptRoot/../..").Path
    . (Join-Path $repo 'tools/ChildPwsh.ps1')
}

Describe 'build.ps1 -Task Publish -LocalRepository' {
    It 'publishes to the folder given, past a ZosTelemetryLocal registered elsewhere, and leaves the repository list as it was' {
        $realHome = [Environment]::GetFolderPath('UserProfile')
        $throwaway = Join-Path $TestDrive 'home'
        $target = Join-Path $TestDrive 'target-repo'
        $elsewhere = Join-Path $TestDrive 'elsewhere-repo'
        New-Item -ItemType Directory -Path $throwaway, $elsewhere | Out-Null

        $saved = @{}
        $environment = @{
            HOME = $throwaway; USERPROFILE = $throwaway; XDG_DATA_HOME = [NullString]::Value; XDG_CONFIG_HOME = [NullString]::Value
            NUGET_PACKAGES = $(if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path $realHome '.nuget/packages' })
            DOTNET_CLI_HOME = $(if ($env:DOTNET_CLI_HOME) { $env:DOTNET_CLI_HOME } else { $realHome })
        }
        foreach ($name in $environment.Keys) {
            $saved[$name] = [Environment]::GetEnvironmentVariable($name)
            # [NullString]::Value removes a variable; a plain $null would become "" and make tools read "" as a folder.
            [Environment]::SetEnvironmentVariable($name, $(if ($null -eq $environment[$name]) { [NullString]::Value } else { $environment[$name] }))
        }

        # The child starts in the throwaway HOME (a native command starts in the current location): publishing with
        # a fresh HOME writes NuGet/NuGet.Config relative to the working directory, which must not be the repository.
        Push-Location -LiteralPath $throwaway
        try {
            $result = Invoke-ChildPwsh -ArgumentList $repo, $target, $elsewhere, $throwaway -ScriptBlock {
                param([string] $Repo, [string] $Target, [string] $Elsewhere, [string] $ThrowawayHome)
                $ErrorActionPreference = 'Stop'
                Import-Module Microsoft.PowerShell.PSResourceGet
                if ([Environment]::GetFolderPath('LocalApplicationData') -notlike "$ThrowawayHome*") {
                    throw "the child's application data is not under the throwaway HOME; refusing to touch the user's repositories"
                }

                Register-PSResourceRepository -Name ZosTelemetryLocal -Uri $Elsewhere -Trusted
                $list = { Get-PSResourceRepository | Sort-Object Name | ForEach-Object { "$($_.Name)|$($_.Uri)|$($_.Trusted)|$($_.Priority)" } }
                $before = @(& $list)
                & (Join-Path $Repo 'build.ps1') -Task Publish -LocalRepository $Target *> $null
                [pscustomobject]@{
                    Before = $before
                    After = @(& $list)
                    InTarget = @(Get-ChildItem -LiteralPath $Target -Filter '*.nupkg' | ForEach-Object Name)
                    Elsewhere = @(Get-ChildItem -LiteralPath $Elsewhere -Filter '*.nupkg' | ForEach-Object Name)
                }
            }
        }
        finally {
            Pop-Location
            foreach ($name in $saved.Keys) {
                [Environment]::SetEnvironmentVariable($name, $(if ($null -eq $saved[$name]) { [NullString]::Value } else { $saved[$name] }))
            }
        }

        @($result.InTarget) | Should -HaveCount 1
        @($result.InTarget)[0] | Should -BeLike 'ZosTelemetry.*.nupkg'
        @($result.Elsewhere) | Should -BeNullOrEmpty
        @($result.Before | Where-Object { $_ -like 'ZosTelemetryLocal|*elsewhere-repo*|True|*' }) | Should -HaveCount 1
        @($result.After) | Should -Be @($result.Before)
        Join-Path $repo 'NuGet' | Should -Not -Exist
    }
}
