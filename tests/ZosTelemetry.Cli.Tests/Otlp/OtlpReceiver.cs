// A real OTLP/HTTP metrics receiver for the tests: an HttpListener on a random loopback port that records every
// request (method, path, headers, body) and answers from a script of replies (default: 200 with an empty
// ExportMetricsServiceResponse). What arrived is decoded with the classes protoc generated from the official
// opentelemetry-proto files (tests/otlp-proto), never with the product's own encoder.
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Google.Protobuf;
using OpenTelemetry.Proto.Collector.Metrics.V1;

namespace ZosTelemetry.Tests.Otlp;

public sealed record ReceivedRequest(string Method, string Path, string? ContentType, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public ExportMetricsServiceRequest Decode() => ExportMetricsServiceRequest.Parser.ParseFrom(Body);
}

public sealed record Reply(int Status, byte[]? Body = null, string? ContentType = "application/x-protobuf", string? RetryAfter = null);

public sealed class OtlpReceiver : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly ConcurrentQueue<Reply> script = new();
    private readonly Thread loop;

    public OtlpReceiver()
    {
        for (int attempt = 0; ; attempt++)
        {
            Port = FreePort();
            listener.Prefixes.Clear();
            listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            try
            {
                listener.Start();
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                // another test took the port between probe and bind: try another
            }
        }

        loop = new Thread(Serve) { IsBackground = true, Name = "otlp-receiver" };
        loop.Start();
    }

    public int Port { get; }

    public string Endpoint => $"http://127.0.0.1:{Port}";

    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    /// <summary>The replies to give, in order; when they run out, every request gets 200 with an empty response.</summary>
    public void Then(params Reply[] replies)
    {
        foreach (var r in replies)
        {
            script.Enqueue(r);
        }
    }

    /// <summary>An ExportMetricsServiceResponse with partial success.</summary>
    public static byte[] PartialSuccess(long rejected, string message) =>
        new ExportMetricsServiceResponse { PartialSuccess = new ExportMetricsPartialSuccess { RejectedDataPoints = rejected, ErrorMessage = message } }.ToByteArray();

    /// <summary>A google.rpc.Status (code 1, message 2), the body of an OTLP error reply, encoded without its .proto.</summary>
    public static byte[] Status(int code, string message)
    {
        using var ms = new MemoryStream();
        var output = new CodedOutputStream(ms);
        output.WriteTag(1, WireFormat.WireType.Varint);
        output.WriteInt32(code);
        output.WriteTag(2, WireFormat.WireType.LengthDelimited);
        output.WriteString(message);
        output.Flush();
        return ms.ToArray();
    }

    public void Dispose()
    {
        if (!listener.IsListening)
        {
            return; // disposed already (a test that needs a closed port disposes it early)
        }

        listener.Stop();
        listener.Close();
        loop.Join(5000);
    }

    private void Serve()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = listener.GetContext();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var body = new MemoryStream();
            context.Request.InputStream.CopyTo(body);
            var headers = context.Request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => context.Request.Headers[k] ?? "", StringComparer.OrdinalIgnoreCase);
            Requests.Enqueue(new ReceivedRequest(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, context.Request.ContentType, headers, body.ToArray()));
            var reply = script.TryDequeue(out var r) ? r : new Reply(200, new ExportMetricsServiceResponse().ToByteArray());
            context.Response.StatusCode = reply.Status;
            if (reply.ContentType is not null)
            {
                context.Response.ContentType = reply.ContentType;
            }

            if (reply.RetryAfter is not null)
            {
                context.Response.Headers["Retry-After"] = reply.RetryAfter;
            }

            byte[] bytes = reply.Body ?? [];
            context.Response.ContentLength64 = bytes.Length;
            context.Response.OutputStream.Write(bytes);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
