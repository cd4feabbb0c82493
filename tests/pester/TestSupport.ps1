# Helpers shared by the *.Tests.ps1 files, dot-sourced in each file's BeforeAll (Pester 5 runs only *.Tests.ps1 as
# tests, so this file is never collected on its own). Every store is a fresh directory under the temp path, and
# every call in the tests passes -Root: nothing ever reads or writes the user's real store.

function New-TestRoot {
    $path = Join-Path ([System.IO.Path]::GetTempPath()) ('zos-telemetry-pester-' + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $path | Out-Null
    $path
}

function Remove-TestRoot {
    param([string] $Path)

    if ($Path -and (Test-Path -LiteralPath $Path)) {
        Remove-Item -LiteralPath $Path -Recurse -Force
    }
}

# Adds a session of $UserTurns user turns, each answered by one assistant turn, and closes it. The first
# $Corrections user turns carry a correction marker; the whole cost sits on the first answer, so sums are exact.
function Add-TestSession {
    param(
        [Parameter(Mandatory)] [string] $Root,
        [Parameter(Mandatory)] [string] $SessionId,
        [Parameter(Mandatory)] [string] $System,
        [int] $UserTurns = 2,
        [int] $Corrections = 0,
        [double] $CostUsd = 0.01,
        [string] $Context,
        [string] $Model,
        [DateTimeOffset] $Start = [DateTimeOffset]::new(2024, 3, 1, 10, 0, 0, [TimeSpan]::Zero)
    )

    $rows = for ($i = 0; $i -lt $UserTurns; $i++) {
        $user = @{ SessionId = $SessionId; System = $System; Kind = 'user_message'; Timestamp = $Start.AddMinutes($i) }
        $answer = @{
            SessionId = $SessionId; System = $System; Kind = 'assistant_message'; Timestamp = $Start.AddMinutes($i).AddSeconds(30)
            TokensIn = 100; TokensOut = 50; CostUsd = $(if ($i -eq 0) { $CostUsd } else { 0 })
        }
        if ($i -lt $Corrections) { $user.Marker = 'corr.strong.1' }
        foreach ($row in $user, $answer) {
            if ($Context) { $row.Context = $Context }
            if ($Model) { $row.Model = $Model }
            [pscustomobject] $row
        }
    }

    $rows | Add-TelemetryEvent -Root $Root
    Close-TelemetrySession -Root $Root -SessionId $SessionId
}

# The built CLI (zos-telemetry.dll of the newest build under src/ZosTelemetry.Cli/bin), run with `dotnet $cli ...`;
# fails the test with a clear message when the solution has not been built. Only bin/<configuration>/<framework>/
# counts: `dotnet pack` leaves per-platform builds beside it (bin/Release/net10.0/win-x64/...), precompiled for
# other platforms, which this machine's runtime refuses to load.
function Get-TestCli {
    $dll = Get-ChildItem -Path "$PSScriptRoot/../../src/ZosTelemetry.Cli/bin" -Recurse -Filter 'zos-telemetry.dll' -ErrorAction SilentlyContinue |
        Where-Object { $_.Directory.Name -like 'net*' } |
        Sort-Object LastWriteTimeUtc -Descending | Select-Object -First 1
    if (-not $dll) { throw 'zos-telemetry.dll not found: build the solution (dotnet build Telemetry.sln) first.' }
    $dll.FullName
}
