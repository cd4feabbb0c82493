# Starting the running PowerShell again as a child process, in every kind of install. Dot-sourced by build.ps1,
# tests/pester/Help.Tests.ps1 and tests/install/Test-LocalInstall.ps1.
#
# [Environment]::ProcessPath is pwsh itself in an ordinary install, but the `dotnet` host when pwsh runs as a
# dotnet tool (`dotnet tool install PowerShell`), where the process is `dotnet <PSHOME>/pwsh.dll`: starting
# ProcessPath with pwsh's arguments would run `dotnet -NoProfile ...` and fail.

# The command line that starts this pwsh again: the executable, then any arguments that must precede pwsh's own.
function Get-ChildPwshCommand {
    $path = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($path) -eq 'pwsh') {
        return , @($path)
    }

    $assembly = Join-Path $PSHOME 'pwsh.dll'
    if ([IO.Path]::GetFileNameWithoutExtension($path) -eq 'dotnet' -and (Test-Path -LiteralPath $assembly)) {
        return , @($path, $assembly)
    }

    throw "Cannot tell how to start PowerShell again: this process is '$path' and PSHOME '$PSHOME' holds no pwsh.dll."
}

# Runs a script block in a fresh pwsh and returns its (deserialized) output; throws when the child exits non-zero,
# so a failing child can never pass for an empty answer.
function Invoke-ChildPwsh {
    param(
        [Parameter(Mandatory)] [scriptblock] $ScriptBlock,
        [object[]] $ArgumentList = @()
    )

    $command = Get-ChildPwshCommand
    $prefix = @($command | Select-Object -Skip 1)
    & $command[0] @prefix -NoProfile -NonInteractive -Command $ScriptBlock -args $ArgumentList
    if ($LASTEXITCODE -ne 0) {
        throw "The child pwsh ($($command -join ' ')) exited with code $LASTEXITCODE."
    }
}
