# Every PowerShell file of the repository parses with PowerShell's own parser, and every data file (.psd1) loads
# as data: a syntax error in a script that only CI or a release runs fails here first.
BeforeDiscovery {
    $repo = (Resolve-Path -LiteralPath "$PSScriptRoot/../..").Path
    $skip = '[\\/](\.git|bin|obj|out|node_modules|TestResults)[\\/]'
    $files = Get-ChildItem -LiteralPath $repo -Recurse -File -Include '*.ps1', '*.psm1', '*.psd1' |
        Where-Object { $_.FullName.Substring($repo.Length) -notmatch $skip } |
        ForEach-Object { @{ Path = $_.FullName; Name = [IO.Path]::GetRelativePath($repo, $_.FullName) } }
}

Describe 'PowerShell syntax' {
    It 'finds the repository''s PowerShell files (<Count>)' -ForEach @{ Count = $files.Count } {
        $Count | Should -BeGreaterThan 10
    }

    It '<Name> parses without errors' -ForEach $files {
        $tokens = $null
        $errors = $null
        $null = [System.Management.Automation.Language.Parser]::ParseFile($Path, [ref] $tokens, [ref] $errors)
        $errors | ForEach-Object { "$($_.Extent.StartLineNumber):$($_.Extent.StartColumnNumber) $($_.Message)" } |
            Should -BeNullOrEmpty
    }

    It '<Name> loads as a data file' -ForEach @($files | Where-Object { $_.Name -like '*.psd1' }) {
        { Import-PowerShellDataFile -LiteralPath $Path } | Should -Not -Throw
    }
}
