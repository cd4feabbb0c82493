<#
.SYNOPSIS
    Proves that a PowerShell user can Install-Module ZosTelemetry from a locally published package.

.DESCRIPTION
    Publishes the package to a temporary folder repository (./build.ps1 -Task Publish -LocalRepository), registers
    that folder for Install-Module, installs the module for the current user, and then, in a fresh pwsh that finds
    the module by name only, checks that Get-Help Add-TelemetryEvent -Examples shows examples and that a store round
    trip works. Meant for CI runners: it installs into the current user's module path and leaves the module there.

.PARAMETER Repository
    The folder to publish to. Default: a new folder under the temp directory.

.EXAMPLE
    ./tests/install/Test-LocalInstall.ps1
#>
[CmdletBinding()]
param(
    [string] $Repository = (Join-Path ([IO.Path]::GetTempPath()) ('zos-local-repo-' + [guid]::NewGuid().ToString('N')))
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

& (Join-Path $PSScriptRoot '../../build.ps1') -Task Publish -LocalRepository $Repository

# Install-Module (PowerShellGet) reads the same folder of .nupkg files that Publish-PSResource wrote. The feed is
# registered only for this install, so the user's repository list is left as it was.
$registered = -not (Get-PSRepository -Name ZosTelemetryLocalFeed -ErrorAction SilentlyContinue)
if ($registered) {
    Register-PSRepository -Name ZosTelemetryLocalFeed -SourceLocation $Repository -InstallationPolicy Trusted
}

try {
    Install-Module -Name ZosTelemetry -Repository ZosTelemetryLocalFeed -Scope CurrentUser -Force
}
finally {
    if ($registered) {
        Unregister-PSRepository -Name ZosTelemetryLocalFeed
    }
}

$check = {
    Import-Module ZosTelemetry -ErrorAction Stop
    $module = Get-Module ZosTelemetry
    $examples = Get-Help Add-TelemetryEvent -Examples | Out-String
    if ($examples -notmatch 'Example 1') {
        throw "Get-Help Add-TelemetryEvent -Examples shows no example:`n$examples"
    }

    $root = Join-Path ([IO.Path]::GetTempPath()) ('zos-install-check-' + [guid]::NewGuid().ToString('N'))
    try {
        Add-TelemetryEvent -Root $root -SessionId s1 -System ci -Kind user_message -MarkText "no, that's wrong"
        $session = Close-TelemetrySession -Root $root -SessionId s1
        if ($session.Corrections -ne 1) {
            throw "the installed module counted $($session.Corrections) corrections, expected 1"
        }
    }
    finally {
        Remove-Item -LiteralPath $root -Recurse -Force -ErrorAction SilentlyContinue
    }

    # The package carries Core precompiled for this platform and runtime, and the nested loader chose it: the
    # assembly in use lies in precompiled/<platform>/<runtime>/ and has a ReadyToRun header.
    $os = if ($IsWindows) { 'win' } elseif ($IsMacOS) { 'osx' } else { 'linux' }
    $cpu = "$([System.Runtime.InteropServices.RuntimeInformation]::ProcessArchitecture)".ToLowerInvariant()
    $image = Join-Path $module.ModuleBase "precompiled/$os-$cpu/net$([Environment]::Version.Major).0/ZosTelemetry.Core.dll"
    $core = [ZosTelemetry.Store.TelemetryStore].Assembly.Location
    if ($core -ne $image) {
        throw "the installed module runs ZosTelemetry.Core from $core, not the precompiled image $image"
    }

    $stream = [IO.File]::OpenRead($core)
    try {
        $pe = [System.Reflection.PortableExecutable.PEReader]::new($stream)
        if ($pe.PEHeaders.CorHeader.ManagedNativeHeaderDirectory.Size -le 0) {
            throw "$core has no ReadyToRun code"
        }
    }
    finally {
        $stream.Dispose()
    }

    "Installed $($module.Name) $($module.Version) in $($module.ModuleBase): Get-Help shows examples, a store round trip works, Core runs precompiled from $core."
}

. (Join-Path $PSScriptRoot '../../tools/ChildPwsh.ps1')
Invoke-ChildPwsh -ScriptBlock $check
