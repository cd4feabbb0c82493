#!/usr/bin/env bash
# Packs zos-telemetry as a dotnet tool, installs it from that local package only (a NuGet config with no other
# source, so nothing comes from the network), and runs `zos-telemetry --version` from the installed tool.
# Passes when the installed tool prints the version of Directory.Build.props. Runs on Linux, macOS and Windows
# (Git Bash). Used by .ci/run and .github/workflows/ci.yml. Last line: "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props | head -n 1)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# In Git Bash on Windows, paths written into a file are not translated for dotnet.exe the way arguments are.
native() { if command -v cygpath >/dev/null 2>&1; then cygpath -m "$1"; else printf '%s' "$1"; fi; }

dotnet pack src/ZosTelemetry.Cli -c Release -o "$work/feed" --nologo -v quiet
cat > "$work/nuget.config" <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$(native "$work/feed")" />
  </packageSources>
</configuration>
CONFIG

dotnet tool install ZosTelemetry.Cli --version "$version" --tool-path "$work/tools" --configfile "$work/nuget.config"
out=$("$work/tools/zos-telemetry" --version | tr -d '\r')
echo "installed tool says: $out"
if [ "$out" = "zos-telemetry $version" ]; then
  echo "1 passed, 0 failed"
else
  echo "expected 'zos-telemetry $version'"
  echo "0 passed, 1 failed"
  exit 1
fi
