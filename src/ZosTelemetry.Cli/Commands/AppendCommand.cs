// append: one event from the command line. --mark-stdin reads the user's message, keeps only the detector's
// markers and drops the text before anything is written; with detector version 2 (the default; --detector 1 for the
// old rules) a user_message is also compared with the session's previous one through TurnStateFiles, whose small
// per-session fingerprint file is the only state kept. --error-stdin reads an error message, keeps only its category
// and fingerprint (ErrorClassifier) and drops the text the same way. --user is stored only as its keyed hash
// (TelemetryStore.HashUser).
using ZosTelemetry.Detection;
using ZosTelemetry.Events;

namespace ZosTelemetry.Cli.Commands;

public static class AppendCommand
{
    // One array, built once, with the writers' lock-timeout among them: a spread at the call would build a new one
    // and a compiler-made wrapper type on every append.
    private static readonly string[] Options =
        ["root", "session-id", "system", "kind", "role", "context", "model", "tokens-in", "tokens-out", "cost-usd", "ts", "marker",
         "cache-read-tokens", "cache-write-tokens", "provider", "tier", "duration-ms", "cache-hit", "user", "detector",
         "tool", "ok", "error-category", "outcome", "attempt", "task-id", "attempt-id", "variant", WriterStore.LockTimeoutOption];

    private static readonly string[] Flags = ["mark-stdin", "error-stdin"];

    public static int Run(string[] args, CliContext cli)
    {
        var a = Arguments.Parse(args, "append", Options, Flags, positionals: 0);
        var store = WriterStore.Open(cli, a);
        var markers = new List<string>(a.All("marker"));
        if (a.Flag("mark-stdin"))
        {
            int version = UsageOptions.Detector(a);
            string text = StdinText.Read(cli.Stdin);
            string? session = a.Single("session-id");
            var result = a.Single("kind") == EventKinds.UserMessage && session is not null
                ? TurnStateFiles.Detect(store.Root, session, text, version)
                : CorrectionDetector.Detect(text, version);
            markers.AddRange(CorrectionDetector.MarkersToStore(result));
        }
        else if (a.Single("detector") is not null)
        {
            throw new UsageException("append: --detector applies to --mark-stdin only.");
        }

        string? errorCategory = a.Single("error-category");
        string? fingerprint = null;
        if (a.Flag("error-stdin"))
        {
            if (a.Flag("mark-stdin"))
            {
                throw new UsageException("--mark-stdin and --error-stdin both read stdin; give one.");
            }

            var classified = ErrorClassifier.Classify(StdinText.Read(cli.Stdin), errorCategory);
            (errorCategory, fingerprint) = (classified.Category, classified.Fingerprint);
        }

        string? ts = a.Single("ts");
        var e = new TelemetryEvent
        {
            SessionId = a.Required("session-id", "append"),
            System = a.Required("system", "append"),
            Kind = a.Required("kind", "append"),
            Role = a.Single("role"),
            Context = a.Single("context"),
            Model = a.Single("model"),
            TokensIn = a.Long("tokens-in") ?? 0,
            TokensOut = a.Long("tokens-out") ?? 0,
            CostUsd = a.Double("cost-usd"),
            Timestamp = ts is null ? DateTimeOffset.UtcNow : EventValidator.ParseTimestamp(ts),
            Markers = markers,
            CacheReadTokens = a.Long("cache-read-tokens"),
            CacheWriteTokens = a.Long("cache-write-tokens"),
            Provider = a.Single("provider"),
            Tier = a.Single("tier"),
            DurationMs = a.Long("duration-ms"),
            CacheHit = UsageOptions.Bool(a, "cache-hit"),
            User = UsageOptions.HashedUser(a, store),
            Tool = a.Single("tool"),
            Ok = UsageOptions.Bool(a, "ok"),
            ErrorCategory = errorCategory,
            ErrorFingerprint = fingerprint,
            Outcome = a.Single("outcome"),
            Attempt = a.Long("attempt"),
            TaskId = a.Single("task-id"),
            AttemptId = a.Single("attempt-id"),
            Variant = a.Single("variant"),
        };
        store.Append(e);
        return ExitCodes.Ok;
    }
}
