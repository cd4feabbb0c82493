<#
.SYNOPSIS
    Builds, tests, packages and publishes ZosTelemetry.

.DESCRIPTION
    Build compiles the solution. The PowerShell project copies the module assemblies into module/bin, so
    `Import-Module ./ZosTelemetry.psd1` works straight afterwards, and generates the offline help
    (module/en-US/ZosTelemetry.PowerShell.dll-Help.xml) from docs/cmdlets/*.md.

    Test builds, runs the .NET test projects (core, CLI, module conformance and help) with TRX results, then the
    Pester 5 suite in tests/pester with NUnit3 XML results, all under TestResults/. Where no Pester 5 is installed,
    the pinned one is restored from NuGet (tools/Pester), so no PowerShell Gallery is needed. The Pester totals are
    read from the result file and printed as "Pester: N passed, N failed, N skipped".

    Package lays out out/ZosTelemetry/<version>/ as the PowerShell Gallery and Install-Module expect it: the
    manifest (version stamped from Directory.Build.props, paths flat, a FileList), the assemblies, ZosTelemetry.Core
    precompiled for each platform and runtime (precompiled/, about 3 MB each; the first package compiles them, about a
    minute on two cores), the format file, en-US help, LICENSE, README.md and CHANGELOG.md. It runs the same dotnet target that makes the layout without
    pwsh (dotnet build src/ZosTelemetry.PowerShell -c Release -t:PackageModule), then checks the result with
    Test-ModuleManifest.

    Publish packages, then publishes the package with Publish-PSResource: to the PowerShell Gallery only with an
    explicit -ApiKey (never one read from the environment), or without a key to a local folder repository given by
    -LocalRepository, from which Install-Module and Install-PSResource can install it.

    The script stops at the first failure and exits non-zero, so CI can run it as it is.

.PARAMETER Task
    Build (the default), Test, Package, Publish, or Pester (only the Pester suite, against the module as last built;
    CI uses it after `dotnet test`).

.PARAMETER PesterPath
    Pester: the test files or folders to run (default: tests/pester).

.PARAMETER Configuration
    The .NET build configuration: Release (the default) or Debug.

.PARAMETER ApiKey
    Publish: the PowerShell Gallery API key. Required to publish to the Gallery.

.PARAMETER LocalRepository
    Publish: a folder to publish to instead of the Gallery (created if missing). Needs no key. The folder is registered
    as a PSResource repository only for the publish, so the repository list is left as it was.

.EXAMPLE
    ./build.ps1
    Builds the solution in Release.

.EXAMPLE
    ./build.ps1 -Task Test -Configuration Debug
    Builds in Debug, then runs the .NET tests and the Pester suite; results go to TestResults/.

.EXAMPLE
    ./build.ps1 -Task Package
    Lays out out/ZosTelemetry/<version>/ and validates its manifest.

.EXAMPLE
    ./build.ps1 -Task Publish -LocalRepository ./out/repo
    Register-PSResourceRepository -Name ZosLocal -Uri ./out/repo -Trusted; Install-PSResource ZosTelemetry -Repository ZosLocal
    Publishes to a folder, then installs from it as a user would from the Gallery.

.EXAMPLE
    ./build.ps1 -Task Publish -ApiKey $galleryKey
    Publishes the package to the PowerShell Gallery.
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Publish', 'Pester')]
    [string] $Task = 'Build',

    [ValidateSet('Release', 'Debug')]
    [string] $Configuration = 'Release',

    [string] $ApiKey,

    [string[]] $PesterPath = @(Join-Path $PSScriptRoot 'tests/pester'),

    [string] $LocalRepository
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$solution = Join-Path $PSScriptRoot 'Telemetry.sln'
$results = Join-Path $PSScriptRoot 'TestResults'

# The one version of the product, as the dotnet build stamps it.
function Get-ProductVersion {
    $props = [xml] (Get-Content -LiteralPath (Join-Path $PSScriptRoot 'Directory.Build.props') -Raw)
    $props.SelectSingleNode('/Project/PropertyGroup/Version').InnerText
}

# Native commands do not stop the script when they fail: every call goes through here and checks the exit code.
function Invoke-Native {
    param(
        [Parameter(Mandatory)] [string] $FilePath,
        [string[]] $ArgumentList = @()
    )

    Write-Host "> $FilePath $($ArgumentList -join ' ')" -ForegroundColor Cyan
    & $FilePath @ArgumentList | Out-Host
    if ($LASTEXITCODE -ne 0) {
        throw "$FilePath $($ArgumentList -join ' ') exited with code $LASTEXITCODE."
    }
}

function Invoke-Build {
    Invoke-Native dotnet @('build', $solution, '-c', $Configuration)
}

. (Join-Path $PSScriptRoot 'tools/ChildPwsh.ps1')

# The Pester 5 module to run the suite with: one already installed, or else the pinned one from NuGet (the package's
# tools/ folder is the module), which works where the PowerShell Gallery cannot be reached, as on CI machines.
function Get-PesterManifest {
    $installed = Get-Module -ListAvailable -Name Pester | Where-Object { $_.Version -ge [version]'5.0.0' } |
        Sort-Object Version -Descending | Select-Object -First 1
    if ($installed) {
        return $installed.Path
    }

    $project = Join-Path $PSScriptRoot 'tools/Pester/Pester.Restore.csproj'
    Write-Host 'Pester 5 not found: restoring it from NuGet.' -ForegroundColor Cyan
    Invoke-Native dotnet @('restore', $project, '--nologo', '-v:q')
    $properties = (& dotnet msbuild $project -getProperty:NuGetPackageRoot -getProperty:PesterVersion | Out-String | ConvertFrom-Json).Properties
    if ($LASTEXITCODE -ne 0) {
        throw "dotnet msbuild $project could not tell where NuGet put Pester (exit code $LASTEXITCODE)."
    }

    $manifest = Join-Path $properties.NuGetPackageRoot "pester/$($properties.PesterVersion)/tools/Pester.psd1"
    if (-not (Test-Path -LiteralPath $manifest)) {
        throw "Pester was restored, but $manifest does not exist."
    }

    $manifest
}

# Totals of a Pester run, read from its NUnit3 result file rather than from console text. Every test that was
# discovered but has no result (the run crashed or stopped early), every file whose discovery failed, and every
# file that failed without running a test, counts as a failure; no result file at all is at least one failure.
function Get-PesterTotals {
    param([string] $ResultPath, [int] $Discovered, [int] $FailedInDiscovery)

    if (-not (Test-Path -LiteralPath $ResultPath)) {
        return [pscustomobject]@{ Passed = 0; Failed = [Math]::Max($Discovered + $FailedInDiscovery, 1); Skipped = 0 }
    }

    $run = ([xml] (Get-Content -LiteralPath $ResultPath -Raw)).'test-run'
    $passed = [int] $run.passed
    $skipped = [int] $run.skipped + [int] $run.inconclusive
    $failed = [int] $run.failed + $FailedInDiscovery
    $failed += @($run.SelectNodes('test-suite[@type="Assembly" and @result="Failed" and @total="0"]')).Count
    $failed += [Math]::Max(0, $Discovered - ($passed + [int] $run.failed + $skipped))
    [pscustomobject]@{ Passed = $passed; Failed = $failed; Skipped = $skipped }
}

# Pester runs in a child pwsh: a binary module cannot be unloaded, and one imported into this session would lock
# module/bin against the next build. The child first discovers the tests (their count is written beside the
# results), then runs them; the totals come from the result file, and the task fails unless every test passed.
function Invoke-PesterSuite {
    $manifest = Get-PesterManifest
    $run = {
        param([string] $PesterManifest, [string[]] $TestPath, [string] $ResultPath, [string] $CountPath)

        Import-Module -Name $PesterManifest -ErrorAction Stop
        $discovery = New-PesterConfiguration
        $discovery.Run.Path = $TestPath
        $discovery.Run.SkipRun = $true
        $discovery.Run.PassThru = $true
        $discovery.Output.Verbosity = 'None'
        $found = Invoke-Pester -Configuration $discovery
        # A file whose discovery fails has no entry in the result file at all: its failure is counted from here.
        Set-Content -LiteralPath $CountPath -Value "$($found.TotalCount) $($found.FailedContainersCount)"

        $config = New-PesterConfiguration
        $config.Run.Path = $TestPath
        $config.Run.Exit = $true
        $config.Output.Verbosity = 'Detailed'
        $config.Output.CIFormat = 'Auto'
        $config.TestResult.Enabled = $true
        $config.TestResult.OutputFormat = 'NUnit3'
        $config.TestResult.OutputPath = $ResultPath
        Invoke-Pester -Configuration $config
    }

    $resultPath = Join-Path $results 'pester.xml'
    $countPath = Join-Path $results 'pester-discovered.txt'
    $null = New-Item -ItemType Directory -Path $results -Force
    Remove-Item -LiteralPath $resultPath, $countPath -ErrorAction SilentlyContinue

    $command = Get-ChildPwshCommand
    $prefix = @($command | Select-Object -Skip 1)
    & $command[0] @prefix -NoProfile -NonInteractive -Command $run -args $manifest, $PesterPath, $resultPath, $countPath | Out-Host
    $exitCode = $LASTEXITCODE

    $discovered, $failedInDiscovery = 0, 0
    if (Test-Path -LiteralPath $countPath) {
        $discovered, $failedInDiscovery = (Get-Content -LiteralPath $countPath -Raw).Trim() -split ' ' | ForEach-Object { [int] $_ }
    }
    $totals = Get-PesterTotals -ResultPath $resultPath -Discovered $discovered -FailedInDiscovery $failedInDiscovery
    Write-Host "Pester discovered $discovered tests; results in $resultPath"
    Write-Host "Pester: $($totals.Passed) passed, $($totals.Failed) failed, $($totals.Skipped) skipped"
    if ($totals.Failed -gt 0 -or $exitCode -ne 0) {
        throw "Pester failed: $($totals.Failed) failed test(s), child exit code $exitCode."
    }
}

function Invoke-Test {
    Invoke-Build
    Invoke-Native dotnet @('test', $solution, '-c', $Configuration, '--no-build', '--logger', 'trx', '--results-directory', $results)
    Invoke-PesterSuite
}

# The layout is made by the dotnet target, so that machines without pwsh produce exactly the same package.
function Invoke-Package {
    Invoke-Native dotnet @('build', (Join-Path $PSScriptRoot 'src/ZosTelemetry.PowerShell/ZosTelemetry.PowerShell.csproj'), '-c', $Configuration, '-t:PackageModule')
    $version = Get-ProductVersion
    $package = Join-Path $PSScriptRoot "out/ZosTelemetry/$(($version -split '-')[0])"
    $manifest = Test-ModuleManifest -Path (Join-Path $package 'ZosTelemetry.psd1')
    Write-Host "Packaged $($manifest.Name) $($manifest.Version) in $package" -ForegroundColor Green
    $package
}

function Invoke-Publish {
    if (-not $ApiKey -and -not $LocalRepository) {
        throw 'Publish needs -ApiKey to publish to the PowerShell Gallery, or -LocalRepository to publish to a folder.'
    }

    $package = Invoke-Package
    if ($LocalRepository) {
        # Publish-PSResource takes a repository name, not a folder: register the folder under a name of its own for the
        # length of the publish and unregister it after, so the package lands where asked (never in an older
        # registration of another folder) and the user's repository list is left as it was.
        $folder = (New-Item -ItemType Directory -Path $LocalRepository -Force).FullName
        $name = 'ZosTelemetryPublish-' + [guid]::NewGuid().ToString('N')
        Register-PSResourceRepository -Name $name -Uri $folder -Trusted
        try {
            Publish-PSResource -Path $package -Repository $name
        }
        finally {
            Unregister-PSResourceRepository -Name $name
        }
        Write-Host "Published to $folder." -ForegroundColor Green
    }
    else {
        Publish-PSResource -Path $package -Repository PSGallery -ApiKey $ApiKey
        Write-Host 'Published to the PowerShell Gallery.' -ForegroundColor Green
    }
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Package' { $null = Invoke-Package }
    'Publish' { Invoke-Publish }
    'Pester' { Invoke-PesterSuite }
}
