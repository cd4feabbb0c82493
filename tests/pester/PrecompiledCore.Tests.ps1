# The module's loader as pwsh runs it: the manifest's nested module (ZosTelemetry.Loader) loads the image of
# ZosTelemetry.Core in precompiled/<platform>/<runtime>/ beside it when the module carries one for this process, and
# Core from beside the cmdlets' assembly otherwise. Each case imports a copy of the built module in a fresh pwsh (an
# assembly, once loaded, stays loaded). The copy's "image" is the IL Core itself, which every platform can load; the
# real package's images are checked by tests/install/Test-LocalInstall.ps1.
BeforeAll {
    . "$PSScriptRoot/../../tools/ChildPwsh.ps1"
    $repo = (Resolve-Path "$PSScriptRoot/../..").Path

    # A copy of the module's build layout (manifest, format file, module/bin) under $Folder.
    function New-ModuleCopy([string] $Folder) {
        $null = New-Item -ItemType Directory -Path "$Folder/module/bin"
        Copy-Item -LiteralPath "$repo/ZosTelemetry.psd1" -Destination $Folder
        Copy-Item -LiteralPath "$repo/module/ZosTelemetry.format.ps1xml" -Destination "$Folder/module"
        Copy-Item -Path "$repo/module/bin/*.dll" -Destination "$Folder/module/bin"
        return "$Folder/ZosTelemetry.psd1"
    }

    # This process's image folder, worked out here independently of the loader's own code.
    $os = if ($IsWindows) { 'win' } elseif ($IsMacOS) { 'osx' } else { 'linux' }
    $cpu = "$([System.Runtime.InteropServices.RuntimeInformation]::ProcessArchitecture)".ToLowerInvariant()
    $imageFolder = "precompiled/$os-$cpu/net$([Environment]::Version.Major).0"

    $report = {
        param([string] $Manifest, [string] $Root, [switch] $Twice)
        $ErrorActionPreference = 'Stop'
        Import-Module $Manifest
        if ($Twice) { Import-Module $Manifest -Force }
        $null = Add-TelemetryEvent -Root $Root -SessionId s1 -System ci -Kind user_message -MarkText "no, that's wrong"
        [pscustomobject]@{
            Location    = [ZosTelemetry.Store.TelemetryStore].Assembly.Location
            Loaded      = [ZosTelemetry.Loader.PrecompiledCore]::Loaded
            CoreCount   = @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'ZosTelemetry.Core' }).Count
            Corrections = (Close-TelemetrySession -Root $Root -SessionId s1).Corrections
        }
    }
}

Describe 'Precompiled ZosTelemetry.Core' {
    It 'loads the image for this platform and runtime when the module carries one' {
        $manifest = New-ModuleCopy "$TestDrive/with"
        $image = Join-Path "$TestDrive/with/module/bin" $imageFolder
        $null = New-Item -ItemType Directory -Path $image
        Copy-Item -LiteralPath "$repo/module/bin/ZosTelemetry.Core.dll" -Destination $image

        $result = Invoke-ChildPwsh -ScriptBlock $report -ArgumentList $manifest, "$TestDrive/store-with"

        $expected = (Resolve-Path (Join-Path $image 'ZosTelemetry.Core.dll')).Path
        $result.Location | Should -Be $expected
        $result.Loaded | Should -Be $expected
        $result.CoreCount | Should -Be 1
        $result.Corrections | Should -Be 1
    }

    It 'loads Core from beside the cmdlets when there is no image for this process' {
        $manifest = New-ModuleCopy "$TestDrive/without"
        # An image for another runtime only: not this process's, so not loaded.
        $other = Join-Path "$TestDrive/without/module/bin" ($imageFolder -replace 'net\d+\.0$', 'net6.0')
        $null = New-Item -ItemType Directory -Path $other
        Copy-Item -LiteralPath "$repo/module/bin/ZosTelemetry.Core.dll" -Destination $other

        $result = Invoke-ChildPwsh -ScriptBlock $report -ArgumentList $manifest, "$TestDrive/store-without"

        $result.Location | Should -Be (Resolve-Path "$TestDrive/without/module/bin/ZosTelemetry.Core.dll").Path
        $result.Loaded | Should -BeNullOrEmpty
        $result.Corrections | Should -Be 1
    }

    It 'keeps one Core when the module is imported again with -Force' {
        $manifest = New-ModuleCopy "$TestDrive/twice"
        $image = Join-Path "$TestDrive/twice/module/bin" $imageFolder
        $null = New-Item -ItemType Directory -Path $image
        Copy-Item -LiteralPath "$repo/module/bin/ZosTelemetry.Core.dll" -Destination $image

        $result = Invoke-ChildPwsh -ScriptBlock $report -ArgumentList $manifest, "$TestDrive/store-twice", $true

        $result.CoreCount | Should -Be 1
        $result.Location | Should -Be (Resolve-Path (Join-Path $image 'ZosTelemetry.Core.dll')).Path
        $result.Corrections | Should -Be 1
    }
}
