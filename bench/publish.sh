# Sourced by the bench scripts: one way to publish a project as a user's machine runs it. ReadyToRun code is used only
# by the runtime major version it was compiled for (.NET 10 runs net8.0 ReadyToRun code as plain IL), so this
# publishes RID-specific ReadyToRun for this machine's platform and its newest installed runtime, as the tool package's
# install picks (see the CLI's csproj).
#
#   publish_r2r PROJECT OUT_DIR      (extra arguments go to dotnet publish)
bench_runtime_major() { dotnet --list-runtimes | sed -n 's/^Microsoft.NETCore.App \([0-9]*\)\..*/\1/p' | sort -n | tail -n 1; }
bench_rid() { dotnet --info | sed -n 's/^ *RID: *//p' | head -n 1; }
publish_r2r() {
  local project=$1 out=$2; shift 2
  dotnet publish "$project" -c Release -r "$(bench_rid)" --self-contained false -p:ZosRuntimeFramework="net$(bench_runtime_major).0" \
    -o "$out" -v q --nologo "$@"
}
