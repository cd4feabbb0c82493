<#
.SYNOPSIS
    Builds ZosTelemetry and runs its tests.

.DESCRIPTION
    Build compiles the solution; the PowerShell project copies the module assemblies into module/bin, so
    `Import-Module ./ZosTelemetry.psd1` works straight afterwards.

    Test builds, runs the .NET test projects (core, CLI and module conformance), then the Pester 5 suite in
    tests/pester against the freshly built module. Pester 5 is installed for the current user if it is missing.

    The script stops at the first failure and exits non-zero, so CI can run it as it is.

.PARAMETER Task
    Build (the default), Test, or Pester (only the Pester suite, against the module as last built; CI uses it
    after `dotnet test`).

.PARAMETER Configuration
    The .NET build configuration: Release (the default) or Debug.

.EXAMPLE
    ./build.ps1
    Builds the solution in Release.

.EXAMPLE
    ./build.ps1 -Task Pester
    Runs only the Pester suite against the module already in module/bin.

.EXAMPLE
    ./build.ps1 -Task Test -Configuration Debug
    Builds in Debug, then runs the .NET tests and the Pester suite.
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Pester')]
    [string] $Task = 'Build',

    [string] $Configuration = 'Release'
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$solution = Join-Path $PSScriptRoot 'Telemetry.sln'

# Native commands do not stop the script when they fail: every call goes through here and checks the exit code.
function Invoke-Native {
    param(
        [Parameter(Mandatory)] [string] $FilePath,
        [string[]] $ArgumentList = @()
    )

    Write-Host "> $FilePath $($ArgumentList -join ' ')" -ForegroundColor Cyan
    & $FilePath @ArgumentList
    if ($LASTEXITCODE -ne 0) {
        throw "$FilePath $($ArgumentList -join ' ') exited with code $LASTEXITCODE."
    }
}

function Invoke-Build {
    Invoke-Native dotnet @('build', $solution, '-c', $Configuration)
}

function Install-Pester5 {
    $installed = Get-Module -ListAvailable -Name Pester | Where-Object { $_.Version -ge [version]'5.0.0' }
    if (-not $installed) {
        Write-Host 'Pester 5 not found: installing it for the current user.' -ForegroundColor Cyan
        Install-Module -Name Pester -MinimumVersion 5.0.0 -Scope CurrentUser -Force -SkipPublisherCheck
    }
}

# Pester runs in a child pwsh: a binary module cannot be unloaded, and one imported into this session would lock
# module/bin against the next build. The child exits with Pester's failure count (Run.Exit), 0 when all pass.
function Invoke-PesterSuite {
    Install-Pester5
    $run = {
        param([string] $TestPath, [string] $ResultPath)

        Import-Module -Name Pester -MinimumVersion 5.0.0
        $config = New-PesterConfiguration
        $config.Run.Path = $TestPath
        $config.Run.Exit = $true
        $config.Output.Verbosity = 'Detailed'
        $config.Output.CIFormat = 'Auto'
        $config.TestResult.Enabled = $true
        $config.TestResult.OutputPath = $ResultPath
        Invoke-Pester -Configuration $config
    }
    $testPath = Join-Path $PSScriptRoot 'tests/pester'
    $resultPath = Join-Path $PSScriptRoot 'TestResults/pester.xml'
    & ([Environment]::ProcessPath) -NoProfile -NonInteractive -Command $run -args $testPath, $resultPath
    if ($LASTEXITCODE -ne 0) {
        throw "Pester failed (exit code $LASTEXITCODE)."
    }
}

function Invoke-Test {
    Invoke-Build
    Invoke-Native dotnet @('test', $solution, '-c', $Configuration, '--no-build')
    Invoke-PesterSuite
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Pester' { Invoke-PesterSuite }
}
