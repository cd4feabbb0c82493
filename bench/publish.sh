# Sourced by the bench scripts: one way to publish the CLI as a user's machine runs it. The tool package installs the
# packing platform's Native AOT executable (publish_native: the same properties as the CLI csproj's
# PackNativeForThisPlatform). The other platforms' packages are ReadyToRun, used only by the runtime major version
# they were compiled for (.NET 10 runs net8.0 ReadyToRun code as plain IL), so publish_r2r publishes RID-specific
# ReadyToRun for this machine's platform and its newest installed runtime, as the install picks on such a platform.
#
#   publish_native src/ZosTelemetry.Cli OUT_DIR     (extra arguments go to dotnet publish)
#   publish_r2r PROJECT OUT_DIR
bench_runtime_major() { dotnet --list-runtimes | sed -n 's/^Microsoft.NETCore.App \([0-9]*\)\..*/\1/p' | sort -n | tail -n 1; }
bench_rid() { dotnet --info | sed -n 's/^ *RID: *//p' | head -n 1; }
publish_r2r() {
  local project=$1 out=$2; shift 2
  dotnet publish "$project" -c Release -r "$(bench_rid)" --self-contained false -p:ZosRuntimeFramework="net$(bench_runtime_major).0" \
    -o "$out" -v q --nologo "$@"
}
publish_native() {
  local project=$1 out=$2; shift 2
  dotnet publish "$project" -c Release -r "$(bench_rid)" -p:ZosNativePack=true -o "$out" -v q --nologo "$@"
}
