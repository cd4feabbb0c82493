# Export-TelemetryMetric as users call it, against a real OTLP/HTTP receiver: an HttpListener on a random loopback
# port, served from a runspace of its own (the cmdlet blocks the test's thread while it sends). The xunit tests decode
# the protobuf with the official definitions; here the receiver checks what a user can see: one POST of
# application/x-protobuf to /v1/metrics naming the documented metrics, nothing the second time, nothing under -WhatIf,
# a stable error id when the receiver refuses, and the examples of the help page.
BeforeAll {
    Import-Module "$PSScriptRoot/../../ZosTelemetry.psd1" -Force
    . "$PSScriptRoot/TestSupport.ps1"

    function Start-TestReceiver {
        param([int[]] $Status = @())

        $probe = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $probe.Start()
        $port = $probe.LocalEndpoint.Port
        $probe.Stop()
        $listener = [System.Net.HttpListener]::new()
        $listener.Prefixes.Add("http://127.0.0.1:$port/")
        $listener.Start()
        $queue = [System.Collections.Queue]::Synchronized([System.Collections.Queue]::new())
        foreach ($s in $Status) { $queue.Enqueue($s) }
        $requests = [System.Collections.ArrayList]::Synchronized([System.Collections.ArrayList]::new())
        $ps = [powershell]::Create()
        $null = $ps.AddScript({
                param($Listener, $Requests, $Queue)
                while ($Listener.IsListening) {
                    try { $context = $Listener.GetContext() } catch { break }
                    $body = [System.IO.MemoryStream]::new()
                    $context.Request.InputStream.CopyTo($body)
                    $null = $Requests.Add([pscustomobject]@{
                            Method = $context.Request.HttpMethod; Path = $context.Request.Url.AbsolutePath
                            ContentType = $context.Request.ContentType; Body = $body.ToArray()
                        })
                    $context.Response.StatusCode = if ($Queue.Count -gt 0) { $Queue.Dequeue() } else { 200 }
                    $context.Response.ContentType = 'application/x-protobuf'
                    $context.Response.ContentLength64 = 0
                    $context.Response.Close()
                }
            }).AddArgument($listener).AddArgument($requests).AddArgument($queue)
        $handle = $ps.BeginInvoke()
        [pscustomobject]@{ Endpoint = "http://127.0.0.1:$port"; Listener = $listener; Requests = $requests; PowerShell = $ps; Handle = $handle }
    }

    function Stop-TestReceiver {
        param($Receiver)
        $Receiver.Listener.Stop()
        $Receiver.Listener.Close()
        $null = $Receiver.Handle.AsyncWaitHandle.WaitOne(5000)
        $Receiver.PowerShell.Dispose()
    }
}

Describe 'Export-TelemetryMetric' {
    BeforeEach {
        $root = New-TestRoot
        $null = Add-TestSession -Root $root -SessionId 'a-1' -System 'alpha' -Corrections 1 -Model 'claude-sonnet-4-5'
        $null = Add-TestSession -Root $root -SessionId 'b-1' -System 'beta'
        $receiver = Start-TestReceiver
    }

    AfterEach {
        Stop-TestReceiver $receiver
        Remove-TestRoot $root
    }

    It 'sends the closed sessions as OTLP metrics and emits a typed result' {
        $result = Export-TelemetryMetric -Endpoint $receiver.Endpoint -Root $root

        $result | Should -BeOfType ([ZosTelemetry.Otlp.OtlpExportResult])
        $result.Sessions | Should -Be 2
        $result.Requests | Should -Be 1
        $result.Endpoint | Should -Be "$($receiver.Endpoint)/v1/metrics"
        $receiver.Requests | Should -HaveCount 1
        $request = $receiver.Requests[0]
        $request.Method | Should -Be 'POST'
        $request.Path | Should -Be '/v1/metrics'
        $request.ContentType | Should -Be 'application/x-protobuf'
        $request.Body.Length | Should -Be $result.Bytes
        $text = [System.Text.Encoding]::UTF8.GetString($request.Body)
        foreach ($name in 'gen_ai.client.token.usage', 'gen_ai.token.type', 'gen_ai.request.model', 'zos.session.corrections', 'zos.session.turns', 'zos.session.cost', 'zos.system', 'alpha', 'beta') {
            $text | Should -BeLike "*$name*"
        }
    }

    It 'sends nothing the second time' {
        $null = Export-TelemetryMetric $receiver.Endpoint -Root $root

        $again = Export-TelemetryMetric $receiver.Endpoint -Root $root

        $again.Sessions | Should -Be 0
        $again.AlreadySent | Should -Be 2
        $receiver.Requests | Should -HaveCount 1
    }

    It 'sends only the sessions of -System' {
        $result = Export-TelemetryMetric $receiver.Endpoint -System BETA -Root $root

        $result.Sessions | Should -Be 1
        [System.Text.Encoding]::UTF8.GetString($receiver.Requests[0].Body) | Should -Not -BeLike '*alpha*'
    }

    It 'sends nothing and writes no cursor under -WhatIf' {
        $plan = Export-TelemetryMetric $receiver.Endpoint -Root $root -WhatIf

        $plan.DryRun | Should -BeTrue
        $plan.Sessions | Should -Be 2
        $receiver.Requests | Should -HaveCount 0
        Join-Path $root 'otlp-cursor.json' | Should -Not -Exist
    }

    It 'tells what it sends under -Verbose' {
        $verbose = Export-TelemetryMetric $receiver.Endpoint -Root $root -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }

        ($verbose | Out-String) | Should -Match '2 session\(s\) to send'
        ($verbose | Out-String) | Should -Match 'Sent 2 session\(s\)'
    }

    It 'shows the result in a table that fits 120 columns' {
        $table = Export-TelemetryMetric $receiver.Endpoint -Root $root | Format-Table | Out-String -Width 200

        $table | Should -Match 'Sessions'
        $table | Should -Match 'AlreadySent'
        ($table -split "`n" | Measure-Object -Property Length -Maximum).Maximum | Should -BeLessOrEqual 120
    }

    It 'stops with OtlpReceiverFailed when the receiver refuses, and sends the sessions next time' {
        Stop-TestReceiver $receiver
        $receiver = Start-TestReceiver -Status 400

        { Export-TelemetryMetric $receiver.Endpoint -Root $root -ErrorAction Stop } |
            Should -Throw -ErrorId 'OtlpReceiverFailed,ZosTelemetry.PowerShell.Commands.ExportTelemetryMetricCommand'
        Join-Path $root 'otlp-cursor.json' | Should -Not -Exist

        (Export-TelemetryMetric $receiver.Endpoint -Root $root).Sessions | Should -Be 2
    }

    It 'refuses an endpoint that is not an http URL with InvalidTelemetryValue' {
        { Export-TelemetryMetric 'ftp://example.org/x' -Root $root -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidTelemetryValue,ZosTelemetry.PowerShell.Commands.ExportTelemetryMetricCommand'
        $receiver.Requests | Should -HaveCount 0
    }
}

Describe 'The help examples of Export-TelemetryMetric' {
    BeforeAll {
        $scratch = New-TestRoot
        $previous = $env:ZOS_HOME
        $env:ZOS_HOME = $scratch
        $null = Add-TestSession -Root (Join-Path $scratch 'telemetry') -SessionId 'c-1' -System 'claude-code'
        $receiver = Start-TestReceiver
    }

    AfterAll {
        Stop-TestReceiver $receiver
        $env:ZOS_HOME = $previous
        Remove-TestRoot $scratch
    }

    It 'runs every example against a receiver in place of http://localhost:4318' {
        $page = Get-Content -LiteralPath "$PSScriptRoot/../../docs/cmdlets/Export-TelemetryMetric.md" -Raw
        $examples = [regex]::Matches($page, '```powershell\r?\n(?<code>.*?)```', 'Singleline') | ForEach-Object { $_.Groups['code'].Value }
        $examples | Should -HaveCount 4
        foreach ($code in $examples) {
            $code | Should -Match 'http://localhost:4318'
            # The receiver stands in for the collector, and the scratch store for the user's own (never touched here).
            $local = $code -replace 'http://localhost:4318', $receiver.Endpoint -replace '~/\.zos/telemetry', (Join-Path $scratch 'telemetry')
            { $null = Invoke-Expression $local } | Should -Not -Throw -Because $code
        }

        $receiver.Requests | Should -HaveCount 1 # the session went once, whatever the examples asked
    }
}
