// Sends a store's closed sessions to an OTLP/HTTP receiver as metrics (POST application/x-protobuf to the
// endpoint's /v1/metrics), each session once: the cursor (OtlpCursor) says which went. Sessions follow the store's
// latest-row rule: the latest summary row of a session not yet sent is the one that goes; a session closed again after
// it was sent is not sent again (counted as ReclosedAfterExport), because delta metrics cannot take back what a
// receiver has counted. Only rows whose family's transmission class allows an export leave (ContractRegistry), and
// only as numbers, names and the keyed user hash (SessionMetricMapping). One export at a time per store
// (.export.lock); the store's writers are never held up by a slow receiver.
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ZosTelemetry.Alerts;
using ZosTelemetry.Contracts;
using ZosTelemetry.Events;
using ZosTelemetry.Sessions;
using ZosTelemetry.Store;

namespace ZosTelemetry.Otlp;

public sealed class OtlpExporter(TelemetryStore store, OtlpExportOptions? options = null)
{
    public const string ContentType = "application/x-protobuf";
    public const string ScopeName = "ZosTelemetry";
    private const string LockFileName = ".export.lock";
    private const int MaxReceiverText = 200;

    private readonly OtlpExportOptions options = (options ?? new OtlpExportOptions()).Checked();

    private static string Version =>
        typeof(OtlpExporter).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>Sends the sessions not sent yet; throws OtlpExportException when the receiver refuses or cannot be reached.</summary>
    public OtlpExportResult Export(string endpointText)
    {
        var endpoint = OtlpEndpoint.Parse(endpointText);
        var registry = options.Registry ?? ContractRegistry.Embedded;
        if (!Directory.Exists(store.Root))
        {
            return new OtlpExportResult { Endpoint = endpoint.Display, DryRun = options.DryRun };
        }

        if (options.DryRun)
        {
            return Run(endpoint, registry, OtlpCursor.Load(store.Root), client: null);
        }

        StoreOwnership.EnsureWritable(store.Root);
        using var held = AcquireLock();
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = options.Timeout };
        var cursor = OtlpCursor.Load(store.Root);

        // A journal left by a killed export is folded in first, so that no line is appended after a torn one.
        cursor.Compact(store.Root);
        try
        {
            return Run(endpoint, registry, cursor, client);
        }
        finally
        {
            cursor.Compact(store.Root);
        }
    }

    private OtlpExportResult Run(OtlpEndpoint endpoint, ContractRegistry registry, OtlpCursor cursor, HttpClient? client)
    {
        var summaries = registry.FamilyOfRowType(RowTypes.SessionSummary) ?? throw new ContractViolationException("OTLP export refused: the registry declares no session_summary family.");
        bool allowed = ContractRegistry.AllowsExport(summaries, "OTLP export");
        var pending = new List<SessionSummary>();
        long alreadySent = 0, reclosed = 0, withheld = 0;
        foreach (var s in store.StreamSessions(new SessionQuery { System = options.System }))
        {
            if (!allowed)
            {
                withheld++;
            }
            else if (cursor.SentAt(s.SessionId) is not DateTimeOffset sentAt)
            {
                pending.Add(s);
            }
            else if (s.ClosedAt > sentAt)
            {
                reclosed++;
            }
            else
            {
                alreadySent++;
            }
        }

        store.Observer?.Verbose(string.Create(CultureInfo.InvariantCulture,
            $"OTLP export to {endpoint.Display}: {pending.Count} session(s) to send, {alreadySent} already sent, {reclosed} closed again after their export, {withheld} withheld by their transmission class."));
        var result = new Totals();
        if (pending.Count > 0)
        {
            pending.Sort(static (a, b) => a.ClosedAt != b.ClosedAt ? a.ClosedAt.CompareTo(b.ClosedAt) : string.CompareOrdinal(a.SessionId, b.SessionId));
            var origins = Origins(pending, registry);
            var alerts = AlertsOf(pending, registry);
            for (int i = 0; i < pending.Count; i += options.BatchSize)
            {
                var batch = pending.GetRange(i, Math.Min(options.BatchSize, pending.Count - i));
                SendBatch(endpoint, batch, origins, alerts, cursor, client, result);
                store.Observer?.Progress("OTLP export", i + batch.Count, pending.Count);
            }
        }

        return new OtlpExportResult
        {
            Endpoint = endpoint.Display,
            Sessions = client is null ? pending.Count : result.Sessions,
            AlreadySent = alreadySent,
            ReclosedAfterExport = reclosed,
            Withheld = withheld,
            Requests = result.Requests,
            DataPoints = result.DataPoints,
            RejectedDataPoints = result.Rejected,
            ReceiverMessage = result.Message,
            Bytes = result.Bytes,
            DryRun = client is null,
        };
    }

    private void SendBatch(OtlpEndpoint endpoint, List<SessionSummary> batch, IReadOnlyDictionary<string, SessionOrigin> origins,
        IReadOnlyDictionary<string, IReadOnlyList<TelemetryAlert>> alerts, OtlpCursor cursor, HttpClient? client, Totals totals)
    {
        var metrics = SessionMetricMapping.Map(batch.Select(s => (s, origins.TryGetValue(s.SessionId, out var o) ? o : new SessionOrigin(null, null))), alerts, Version);
        long points = metrics.Sum(r => r.Metrics.Sum(m => (long)m.Histogram.Count + m.Sum.Count));
        if (client is null)
        {
            totals.DataPoints += points;
            return;
        }

        // Delta intervals follow each other: this request counts what closed since the last accepted one was sent.
        ulong time = UnixNano(store.Now());
        ulong start = cursor.LastSentUnixNano is > 0 and var last && last < time ? last : Math.Min(UnixNano(batch.Min(s => s.FirstTimestamp)), time - 1);
        byte[] body = OtlpMetricsRequest.Encode(metrics, ScopeName, Version, start, time);
        var (rejected, message) = Post(endpoint, body, client, totals.Sessions);
        cursor.MarkSent(store.Root, batch, time);
        totals.Sessions += batch.Count;
        totals.Requests++;
        totals.DataPoints += points;
        totals.Bytes += body.Length;
        totals.Rejected += rejected;
        totals.Message ??= message;
        store.Observer?.Verbose(string.Create(CultureInfo.InvariantCulture, $"Sent {batch.Count} session(s), {points} data point(s), {body.Length} bytes; the cursor holds {cursor.Count} session(s)."));
    }

    /// <summary>Posts one request, retrying what OTLP says may be retried; returns the partial success of an accepted one.</summary>
    private (long Rejected, string? Message) Post(OtlpEndpoint endpoint, byte[] body, HttpClient client, long sentBefore)
    {
        for (int attempt = 0; ; attempt++)
        {
            TimeSpan? wait;
            string failure;
            int? status = null;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Uri) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue(ContentType);
                foreach (var (name, value) in options.Headers)
                {
                    if (!request.Headers.TryAddWithoutValidation(name, value))
                    {
                        throw new ArgumentException($"OTLP export: the header {name} cannot be set on a request.");
                    }
                }

                using var response = client.Send(request);
                byte[] reply = ReadBody(response);
                if (response.IsSuccessStatusCode)
                {
                    var (rejected, message) = ProtoReader.ReadPartialSuccess(reply);
                    return (rejected, message is null ? null : Clean(message));
                }

                status = (int)response.StatusCode;
                failure = string.Create(CultureInfo.InvariantCulture, $"the receiver at {endpoint.Display} answered {status} {response.ReasonPhrase}{Detail(response, reply)}");
                bool retryable = response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;
                wait = retryable ? RetryAfter(response) ?? Backoff(attempt) : null;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                failure = ex is TaskCanceledException
                    ? string.Create(CultureInfo.InvariantCulture, $"the receiver at {endpoint.Display} did not answer within {options.Timeout.TotalSeconds:0.###} s")
                    : $"the receiver at {endpoint.Display} could not be reached ({Clean(ex.InnerException?.Message ?? ex.Message)})";
                wait = Backoff(attempt);
            }

            if (wait is not TimeSpan delay || attempt >= options.MaxRetries || delay > options.MaxRetryDelay)
            {
                string tried = attempt == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $" after {attempt + 1} attempts");
                throw new OtlpExportException(string.Create(CultureInfo.InvariantCulture,
                    $"OTLP export failed: {failure}{tried}. {sentBefore} session(s) were sent before and are recorded; the rest were not sent and go with the next export."), status, sentBefore);
            }

            store.Observer?.Verbose(string.Create(CultureInfo.InvariantCulture, $"{failure}; retrying in {delay.TotalSeconds:0.###} s."));
            Thread.Sleep(delay);
        }
    }

    private TimeSpan Backoff(int attempt) => options.RetryDelay * Math.Pow(2, attempt);

    /// <summary>Retry-After as seconds or as an HTTP date; null when absent.</summary>
    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is TimeSpan delta)
        {
            return delta;
        }

        return header?.Date is DateTimeOffset date ? (date - store.Now()) is var d && d > TimeSpan.Zero ? d : TimeSpan.Zero : null;
    }

    private static byte[] ReadBody(HttpResponseMessage response)
    {
        using var stream = response.Content.ReadAsStream();
        using var copy = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        // A receiver's reply is a status or a partial success: a few hundred bytes. Read no more than 64 KiB of it.
        while (copy.Length < 64 * 1024 && (read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            copy.Write(buffer, 0, read);
        }

        return copy.ToArray();
    }

    /// <summary>The receiver's own words about a failure: google.rpc.Status's message, or the start of a text body.</summary>
    private static string Detail(HttpResponseMessage response, byte[] reply)
    {
        string? mediaType = response.Content.Headers.ContentType?.MediaType;
        string? text = mediaType == ContentType ? ProtoReader.ReadStatusMessage(reply)
            : mediaType is not null && (mediaType.StartsWith("text/", StringComparison.Ordinal) || mediaType.EndsWith("json", StringComparison.Ordinal)) ? Encoding.UTF8.GetString(reply)
            : null;
        return string.IsNullOrWhiteSpace(text) ? "" : ": " + Clean(text);
    }

    /// <summary>A receiver's text on one line, control characters out, at most 200 characters.</summary>
    private static string Clean(string text)
    {
        var sb = new StringBuilder(Math.Min(text.Length, MaxReceiverText));
        foreach (char c in text)
        {
            if (sb.Length == MaxReceiverText)
            {
                sb.Append('…');
                break;
            }

            sb.Append(char.IsControl(c) ? ' ' : c);
        }

        return sb.ToString().Trim();
    }

    /// <summary>
    /// The keyed user hash and provider of each pending session, from its events: the first event that names a user,
    /// the provider most of its events named (ties: the first in ordinal order). Only events whose family may be exported count.
    /// Only the months the pending sessions span are read (their summaries' first to last event): an export run by a
    /// hook after each session reads this month's events, not the store's whole history.
    /// </summary>
    private IReadOnlyDictionary<string, SessionOrigin> Origins(List<SessionSummary> pending, ContractRegistry registry)
    {
        var ids = pending.Select(s => s.SessionId).ToHashSet(StringComparer.Ordinal);
        var users = new Dictionary<string, string>(StringComparer.Ordinal);
        var providers = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        var allowed = new Dictionary<string, bool>(StringComparer.Ordinal);
        var span = new EventQuery { Since = pending.Min(s => s.FirstTimestamp), Until = pending.Max(s => s.LastTimestamp).AddTicks(1) };
        foreach (var e in store.ReadEvents(span))
        {
            if (!ids.Contains(e.SessionId))
            {
                continue;
            }

            if (!allowed.TryGetValue(e.Kind, out bool may))
            {
                allowed[e.Kind] = may = ContractRegistry.AllowsExport(registry.FamilyOfKind(e.Kind), "OTLP export");
            }

            if (!may)
            {
                continue;
            }

            if (e.User is string user)
            {
                users.TryAdd(e.SessionId, user);
            }

            if (e.Provider is string provider)
            {
                if (!providers.TryGetValue(e.SessionId, out var counts))
                {
                    providers[e.SessionId] = counts = new Dictionary<string, int>(StringComparer.Ordinal);
                }

                counts[provider] = counts.GetValueOrDefault(provider) + 1;
            }
        }

        return ids.ToDictionary(id => id, id => new SessionOrigin(users.GetValueOrDefault(id),
            providers.TryGetValue(id, out var c) ? c.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).First().Key : null), StringComparer.Ordinal);
    }

    /// <summary>The alert rows written by the pending sessions' latest closes (a later close supersedes its alerts).</summary>
    private IReadOnlyDictionary<string, IReadOnlyList<TelemetryAlert>> AlertsOf(List<SessionSummary> pending, ContractRegistry registry)
    {
        var family = registry.FamilyOfRowType(RowTypes.Alert);
        if (family is null || !ContractRegistry.AllowsExport(family, "OTLP export"))
        {
            return new Dictionary<string, IReadOnlyList<TelemetryAlert>>();
        }

        var closes = pending.ToDictionary(s => s.SessionId, s => s.ClosedAt, StringComparer.Ordinal);
        return store.ReadAlertRows()
            .Where(a => a.ClosedAt is DateTimeOffset closed && closes.TryGetValue(a.SessionId, out var latest) && closed == latest)
            .GroupBy(a => a.SessionId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<TelemetryAlert>)g.ToList(), StringComparer.Ordinal);
    }

    private static ulong UnixNano(DateTimeOffset t) => (ulong)(t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;

    /// <summary>One export at a time: a second would read the same cursor and send the same sessions.</summary>
    private FileStream AcquireLock()
    {
        string path = Path.Combine(store.Root, LockFileName);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return PrivateFiles.OpenOrCreate(path, FileShare.None);
            }
            catch (IOException ex) when (PrivateFiles.IsHeldByAnother(ex))
            {
                if (waited.Elapsed >= store.LockTimeout)
                {
                    throw new StoreBusyException($"Another OTLP export from the store at {store.Root} is running; gave up after {store.LockTimeout.TotalSeconds:0.###} s.");
                }

                Thread.Sleep(25);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new StoreException($"Cannot open the export lock file {path}: {ex.Message}", ex);
            }
        }
    }

    private sealed class Totals
    {
        public long Sessions;
        public long Requests;
        public long DataPoints;
        public long Bytes;
        public long Rejected;
        public string? Message;
    }
}
