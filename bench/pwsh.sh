# Sourced by bench/run-all.sh and bench/run-pwsh.sh: the pwsh they time the module in, the cmdlets whose first call
# they time, and one timed run.
#
#   bench_pwsh                              the pwsh 7.6.10 .ci/run installs (its cache, else /opt/zos-tools); empty if none
#   bench_cmdlets STORE APPEND_STORE        sets `cmdlets`: the five first calls, reading STORE, appending to APPEND_STORE
#   pwsh_first_call PWSH MODULE CALL        one fresh pwsh: Import-Module MODULE timed, then CALL; prints "import_ms call_ms" (pwsh's stderr: the caller's)
bench_pwsh() {
  local p
  for p in "$HOME/.cache/zos-ci/pwsh-7.6.10/pwsh" /opt/zos-tools/pwsh/pwsh; do [ -x "$p" ] && { echo "$p"; return; }; done
}
bench_cmdlets() {
  cmdlets=("Add-TelemetryEvent -SessionId p1 -System claude-code -Kind user_message -Root '$2'"
           "Get-TelemetrySession -Root '$1'"
           "Get-TelemetryDailyUsage -Root '$1'"
           "Compare-TelemetrySystem -SystemA claude-code -SystemB codex -Root '$1' -WarningAction SilentlyContinue"
           "Test-TelemetryCorrection -Text 'no, that is wrong'")
}
pwsh_first_call() {
  "$1" -NoProfile -NonInteractive -Command "
    \$s = [Diagnostics.Stopwatch]::StartNew(); Import-Module '$2'; \$a = \$s.Elapsed.TotalMilliseconds
    \$s.Restart(); \$null = $3; \$b = \$s.Elapsed.TotalMilliseconds
    'ms: {0:F1} {1:F1}' -f \$a, \$b" | sed -n 's/^ms: //p'
}
