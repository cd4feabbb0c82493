# Help as a user gets it: the module is packaged (the Gallery layout, by the repository's own packager), imported in
# a fresh pwsh, and Get-Help must find every exported cmdlet's help with examples, its online page, and the about_
# topics. A fresh process, because a binary module cannot be unloaded and this session already has the dev build.
BeforeDiscovery {
    $cmdletNames = (Import-PowerShellDataFile -LiteralPath "$PSScriptRoot/../../ZosTelemetry.psd1").CmdletsToExport
}

BeforeAll {
    $repo = (Resolve-Path -LiteralPath "$PSScriptRoot/../..").Path
    . (Join-Path $repo 'tools/ChildPwsh.ps1')
    $version = ([xml] (Get-Content -LiteralPath (Join-Path $repo 'Directory.Build.props') -Raw)).SelectSingleNode('/Project/PropertyGroup/Version').InnerText
    $tool = Get-ChildItem -Path (Join-Path $repo 'tools/ZosTelemetry.Build/bin/*/net8.0/ZosTelemetry.Build.dll') |
        Sort-Object LastWriteTime -Descending | Select-Object -First 1
    if (-not $tool) {
        throw 'tools/ZosTelemetry.Build is not built: run dotnet build Telemetry.sln first.'
    }

    $out = Join-Path $TestDrive 'package'
    & dotnet $tool.FullName package --repository $repo --version $version --out $out | Out-Null
    if ($LASTEXITCODE -ne 0) {
        throw "packaging failed with exit code $LASTEXITCODE"
    }

    $packaged = Join-Path $out "ZosTelemetry/$version/ZosTelemetry.psd1"
    $names = (Import-PowerShellDataFile -LiteralPath $packaged).CmdletsToExport

    # One child pwsh answers every question; its objects come back deserialized.
    $help = Invoke-ChildPwsh -ScriptBlock {
        param([string] $Manifest, [string[]] $Names)

        Import-Module $Manifest -ErrorAction Stop
        foreach ($name in $Names) {
            $h = Get-Help $name -Full
            [pscustomobject]@{
                Name             = $name
                Synopsis         = [string] $h.Synopsis
                Description      = [string] ($h.description.Text -join ' ')
                Examples         = @($h.examples.example).Count
                ExampleCode      = [string] (@($h.examples.example)[0].code)
                Undescribed      = @($h.parameters.parameter | Where-Object { -not ($_.description.Text -join '').Trim() } | ForEach-Object name)
                SyntaxItems      = @($h.syntax.syntaxItem).Count
                ParameterSets    = @((Get-Command $name).ParameterSets).Count
                OnlineUri        = [string] @($h.relatedLinks.navigationLink)[0].uri
                HelpUri          = [string] (Get-Command $name).HelpUri
                HelpFile         = [string] (Get-Command $name).HelpFile
                ExamplesText     = (Get-Help $name -Examples | Out-String)
            }
        }

        foreach ($topic in 'about_ZosTelemetry', 'about_ZosTelemetry_Store', 'about_ZosTelemetry_Privacy') {
            [pscustomobject]@{ Name = $topic; Text = (Get-Help $topic | Out-String) }
        }
    } -ArgumentList $packaged, $names

    $byName = @{}
    foreach ($item in $help) {
        $byName[$item.Name] = $item
    }
}

Describe 'The packaged module' {
    It 'has a manifest that loads as data and passes Test-ModuleManifest' {
        { Import-PowerShellDataFile -LiteralPath $packaged } | Should -Not -Throw
        (Test-ModuleManifest -Path $packaged -ErrorAction Stop).Version | Should -Be ([version] ($version -split '-')[0])
    }

    It 'lists in FileList every file it holds' {
        $root = Split-Path $packaged -Parent
        $files = Get-ChildItem -LiteralPath $root -Recurse -File |
            ForEach-Object { [IO.Path]::GetRelativePath($root, $_.FullName).Replace('\', '/') } | Sort-Object
        (Import-PowerShellDataFile -LiteralPath $packaged).FileList | Sort-Object | Should -Be $files
    }
}

Describe 'Get-Help <_>' -ForEach $cmdletNames {
    BeforeAll {
        $h = $byName[$_]
    }

    It 'reads the MAML file of the package' {
        # A full path for the first cmdlet read; later ones come from Get-Help's cache and keep the bare file name.
        $h.HelpFile | Should -BeLike '*ZosTelemetry.PowerShell.dll-Help.xml'
    }

    It 'has a synopsis and a description' {
        $h.Synopsis | Should -Not -BeNullOrEmpty
        $h.Synopsis | Should -Not -Match '\[<CommonParameters>\]'   # what Get-Help shows when it finds no help file
        $h.Description | Should -Not -BeNullOrEmpty
    }

    It 'shows working examples with -Examples' {
        $h.Examples | Should -BeGreaterThan 0
        $h.ExampleCode | Should -Match ([regex]::Escape($_))
        $h.ExamplesText | Should -Match 'Example 1'
    }

    It 'describes every parameter' {
        $h.Undescribed | Should -BeNullOrEmpty
    }

    It 'has one syntax per parameter set' {
        $h.SyntaxItems | Should -Be $h.ParameterSets
    }

    It 'links online to its page in the repository' {
        $h.OnlineUri | Should -Be "https://github.com/zos-telemetry/ZosTelemetry/blob/main/docs/cmdlets/$($_).md"
        $h.HelpUri | Should -Be $h.OnlineUri
    }
}

Describe 'Get-Help <_>' -ForEach 'about_ZosTelemetry', 'about_ZosTelemetry_Store', 'about_ZosTelemetry_Privacy' {
    It 'finds the topic in the package' {
        $byName[$_].Text | Should -Match "TOPIC\s+$($_)\b"
    }
}
