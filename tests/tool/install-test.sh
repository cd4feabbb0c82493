#!/usr/bin/env bash
# Packs zos-telemetry as a dotnet tool, installs it from that local package only (a NuGet config with no other
# source, so nothing comes from the network), and runs `zos-telemetry --version` from the installed tool.
# Passes when the installed tool prints the version of Directory.Build.props, and when what runs is precompiled:
# the packing machine's platform gets the Native AOT executable (tools/any/RID/zos-telemetry alone, run without a
# dotnet host); a platform whose pack warned that Native AOT could not be built gets its ReadyToRun package, and
# then the host's trace must name the app's folder (tools/netN.0/RID, not the IL-only `any`) and the runtime (N),
# and the assembly there must carry a ReadyToRun header. ZOS_REQUIRE_NATIVE=1 (.ci/run) refuses that fallback;
# ZOS_TOOL_DIR=DIR installs into DIR and keeps it (.ci/run runs the CLI tests against it). Runs on Linux, macOS and
# Windows (Git Bash). Used by .ci/run and .github/workflows/ci.yml. Last line: "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props | head -n 1)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# In Git Bash on Windows, paths written into a file are not translated for dotnet.exe the way arguments are.
native() { if command -v cygpath >/dev/null 2>&1; then cygpath -m "$1"; else printf '%s' "$1"; fi; }

dotnet pack src/ZosTelemetry.Cli -c Release -o "$work/feed" --nologo -v quiet | tee "$work/pack.txt"
cat > "$work/nuget.config" <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$(native "$work/feed")" />
  </packageSources>
</configuration>
CONFIG

tools=${ZOS_TOOL_DIR:-$work/tools}
rm -rf "$tools"
dotnet tool install ZosTelemetry.Cli --version "$version" --tool-path "$tools" --configfile "$work/nuget.config"
out=$(COREHOST_TRACE=1 COREHOST_TRACEFILE="$(native "$work/host.txt")" "$tools/zos-telemetry" --version | tr -d '\r')
echo "installed tool says: $out"
passed=0 failed=0
if [ "$out" = "zos-telemetry $version" ]; then
  passed=$((passed + 1))
else
  echo "expected 'zos-telemetry $version'"; failed=$((failed + 1))
fi

# The Native AOT executable: what the installed command runs is tools/any/RID/zos-telemetry, alone in its folder (no
# assembly, no runtime configuration), and no dotnet host started, so no host trace was written.
app=$(find "$tools/.store" -path '*/tools/any/*' -name 'zos-telemetry*' ! -name '*.xml' 2>/dev/null | head -n 1)
if [ -n "$app" ] && [ "$(ls "$(dirname "$app")" | grep -cv DotnetToolSettings.xml)" = 1 ] && [ ! -s "$work/host.txt" ]; then
  echo "the installed tool is the Native AOT executable $(basename "$(dirname "$app")")/$(basename "$app"), run without a dotnet host"
  passed=$((passed + 1))
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit
fi
if [ "${ZOS_REQUIRE_NATIVE:-0}" = 1 ]; then
  echo "expected the Native AOT executable of this platform's package:"; cat "$work/pack.txt"; failed=$((failed + 1))
fi
grep -h "Native AOT could not be built" "$work/pack.txt" || true

# Which build the host ran, and on which runtime (paths may come with backslashes on Windows).
trace=$(tr '\\' '/' <"$work/host.txt" | tr -d '\r')
config=$(printf '%s\n' "$trace" | sed -n 's:.*as per config file \[\(.*\)\].*:\1:p' | head -n 1)
runtime=$(printf '%s\n' "$trace" | sed -n 's:.*type=framework dir=\[.*/Microsoft.NETCore.App/\([0-9]*\)\..*:\1:p' | head -n 1)
app_dir=$(dirname "$config")
echo "the host ran $app_dir on .NET $runtime"
case "$app_dir" in
  */tools/net"$runtime".0/any) echo "expected the platform's precompiled package, got the IL-only fallback"; failed=$((failed + 1)) ;;
  */tools/net"$runtime".0/*)
    # A ReadyToRun image has a READYTORUN_HEADER whose signature is the bytes "RTR"; IL-only assemblies have none.
    if LC_ALL=C grep -q -a 'RTR' "$app_dir/zos-telemetry.dll" && LC_ALL=C grep -q -a 'RTR' "$app_dir/ZosTelemetry.Core.dll"; then
      passed=$((passed + 1))
    else
      echo "the assemblies in $app_dir are not precompiled"; failed=$((failed + 1))
    fi ;;
  *) echo "expected a build for .NET $runtime (tools/net$runtime.0/...)"; failed=$((failed + 1)) ;;
esac
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
