// Dispatches a command line to its command and maps every failure to one stderr line and an exit code.
using System.Reflection;
using System.Text;
using ZosTelemetry.Cli.Commands;
using ZosTelemetry.Events;
using ZosTelemetry.Store;

namespace ZosTelemetry.Cli;

public static class CliApp
{
    public const string Name = "zos-telemetry";

    public const string Usage = """
        usage: zos-telemetry <command> [options]

        commands:
          append   --session-id S --system NAME --kind KIND [--role R] [--context C] [--model M]
                   [--tokens-in N] [--tokens-out N] [--cost-usd X] [--ts ISO] [--marker TOKEN]... [--mark-stdin]
                   [--cache-read-tokens N] [--cache-write-tokens N] [--provider P] [--tier T]
                   [--duration-ms N] [--cache-hit true|false] [--user NAME (stored only as a hash)] [--detector 1|2]
                   agent runs: [--tool NAME] [--ok true|false] [--error-category C] [--error-stdin]
                   [--outcome success|failure|abandoned] [--attempt N] [--task-id ID] [--attempt-id ID] [--variant ID]
          close    --session-id S [--detector 1|2] [--outcome success|failure|abandoned] [--attempts N] [THRESHOLDS]
                                                  summarise a session and write its alerts (exit 1 if it has no events)
          alerts   [--system S] [--since ISO] [--until ISO] [THRESHOLDS] [--json]   loops, stalls, cost spikes, error bursts
                   THRESHOLDS: --loop-calls 8 --stall-factor 10 --stall-minutes 10 --cost-z 5 --cost-min-sessions 20
                               --burst-errors 5 --burst-seconds 120 (the defaults)
          score    [--by model|variant|system] [--cost-weight 0.1] [--error-weight 0.05] [--system S] [--since] [--until] [--json]
                                                  success rate (95% Wilson), first shot, cost, errors, tool failures, ranked
          sessions [--system NAME]                JSONL, the latest summary row per session
          compare  SYSTEM_A SYSTEM_B [--window DAYS] [--json | --markdown]
          detect   [--detector 1|2] [--snapshot [--system NAME]]   stdin JSONL {"text", "session_id"?} -> stdout JSONL
                   {"is_correction", "markers"}; --snapshot also stores a quality snapshot of the detector's decisions
          detect   --evaluate FILE [--detector 1|2] [--json]   precision, recall, F1 per language on a labelled file
          savings  [--system S] [--days N | --since ISO --until ISO] [--baseline-model M | --baseline-tier T]
                   [--json | --markdown]      cost saved by routing and caching against one baseline model
          compare-periods [--period1 DAYS] [--period2 DAYS] [--system S] [--json]    last 7 vs last 30 days by default
          prune    --older-than DAYS|DATE|default [--dry-run]     drop rows older than the horizon (default 90 days)
          reset    --confirm                      delete every event and session file (without --confirm: says what)
          export   [--format csv|json|jsonl] [--kind events|sessions|snapshots|alerts] [--days N] [--system S] [--output FILE]
          export   --otlp ENDPOINT [--system S] [--timeout SECONDS] [--dry-run] [--json]
                   closed sessions not sent yet, as OTLP metrics over HTTP/protobuf (ENDPOINT without a path: /v1/metrics)
          savings, compare-periods, export, close and report take --prices FILE (over $ZOS_HOME/prices.json and the shipped table)
          merge    STORE... [--with-user-key]     add the rows of other stores to --root's, once (JSONL per store)
          sync     [--database CONN] [--init] [--json]   push this store's rows to a team PostgreSQL database, once
                   (CONN: postgres://user@host:port/db or Host=...;Database=...; else $ZOS_DATABASE); --init creates
                   or migrates its schema and roles
          doctor   [--repair [--yes]] [--json]    check the store file by file; --repair rewrites unusable lines away
          schema   [ROW_TYPE] [--json]            the contract registry: families, classes, markers; a row type's JSON Schema
          import   claude-code|codex [--path DIR]... [--cost-mode auto|calculate|display] [--idle-minutes N] [--detector 1|2] [--json]
          report   daily|monthly|session [--since DATE] [--until DATE] [--system NAME] [--timezone TZ] [--breakdown] [--json]
          report   errors [--by system|model] [--top N] [--since DATE] [--until DATE] [--system NAME] [--json]
          report   html [--system A [--system B]] [--window DAYS] [--output FILE [--json]] [--prices FILE]
                   one self-contained HTML page with charts (head to head, trends, cost, alerts, scores, drift); stdout without --output

          snapshot --system NAME [--user U] [--reject-label L] [--schema-version V] [--json]
                   stdin JSONL prediction records {"ts", "label", "confidence", "probabilities", "features", "suggested"}
                   -> one quality snapshot (numbers only) in snapshots-YYYY-MM.jsonl
          snapshots [--system S] [--user U] [--last N] [--since ISO] [--until ISO] [--json]    newest last
          snapshots --compare [--last DAYS] [--baseline DAYS] [--system S] [--json | --markdown]   drift per system
          guardrail --date YYYY-MM-DD [--model-loaded] [--system S] [--json]
                   suggestions per system that day; exit 1 if a loaded model surfaced none on an active day

        every command takes --root DIR (default: $ZOS_HOME/telemetry, else ~/.zos/telemetry)
        sessions, compare, report, savings, alerts, score and snapshots take --database CONN instead: the team database's rows
        append, close, snapshot, guardrail and doctor --repair wait at most --lock-timeout SECONDS for the store (else $ZOS_LOCK_TIMEOUT, else 2)
        zos-telemetry --version | --help
        exit codes: 0 ok, 1 nothing found (or a guardrail warning), 2 bad arguments or refused value, 3 store error, 4 store busy,
                    5 the OTLP receiver refused the export or could not be reached
        """;

    internal static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static string Version =>
        typeof(CliApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static int Run(string[] args, Stream stdin, Stream stdout, Stream stderr)
    {
        using var output = new StreamWriter(stdout, Utf8, 64 * 1024) { AutoFlush = false, NewLine = "\n" };
        using var errors = new StreamWriter(stderr, Utf8, 4 * 1024) { AutoFlush = true, NewLine = "\n" };
        CliContext? context = null;
        try
        {
            if (args.Length == 0)
            {
                throw new UsageException("no command given.");
            }

            string command = args[0];
            var rest = args.AsSpan(1).ToArray();
            context = new CliContext(stdin, output, errors);

            // The failures are told apart in methods of their own: a filter runs only when something is thrown.
            return RunCommand(command, rest, context);
        }
        catch (Exception ex) when (ExitCodeFor(ex) is int code)
        {
            Report(ex, errors);
            return code;
        }
        finally
        {
            context?.Dispose();
            try
            {
                output.Flush();
            }
            catch (IOException)
            {
                // stdout closed by the reader (e.g. `| head`): nothing left to tell it.
            }
        }
    }

    /// <summary>The command names, for the suggestion after a misspelt one.</summary>
    internal static readonly string[] Commands =
    [
        "append", "close", "sessions", "compare", "detect", "savings", "compare-periods", "prune", "reset", "export", "merge",
        "doctor", "schema", "import", "report", "alerts", "score", "snapshot", "snapshots", "guardrail", "sync", "version", "help",
    ];

    private static int RunCommand(string command, string[] rest, CliContext context) => command switch
    {
        "append" => AppendCommand.Run(rest, context),
        "close" => CloseCommand.Run(rest, context),
        "sessions" => SessionsCommand.Run(rest, context),
        "compare" => CompareCommand.Run(rest, context),
        "detect" => DetectCommand.Run(rest, context),
        "savings" => SavingsCommand.Run(rest, context),
        "compare-periods" => ComparePeriodsCommand.Run(rest, context),
        "prune" => PruneCommand.Run(rest, context),
        "reset" => ResetCommand.Run(rest, context),
        "export" => ExportCommand.Run(rest, context),
        "merge" => MergeCommand.Run(rest, context),
        "sync" => SyncCommand.Run(rest, context),
        "doctor" => DoctorCommand.Run(rest, context),
        "schema" => SchemaCommand.Run(rest, context),
        "import" => ImportCommand.Run(rest, context),
        "report" => ReportCommand.Run(rest, context),
        "alerts" => AlertsCommand.Run(rest, context),
        "score" => ScoreCommand.Run(rest, context),
        "snapshot" => SnapshotCommand.Run(rest, context),
        "snapshots" => SnapshotsCommand.Run(rest, context),
        "guardrail" => GuardrailCommand.Run(rest, context),
        "--version" or "version" => Print(context.Out, $"{Name} {Version}"),
        "--help" or "-h" or "help" => Print(context.Out, Usage),
        _ => throw new UsageException($"the first argument is not a command{KnownNames.Suggestion(command, Commands)}"),
    };

    /// <summary>The exit code of a failure the CLI reports as one stderr line; null for anything else (a bug: let it crash).</summary>
    private static int? ExitCodeFor(Exception ex) => ex switch
    {
        UsageException or TelemetryValidationException or Pricing.PriceTableException or ArgumentException or Detection.DetectorRecountException => ExitCodes.Usage,
        SessionNotFoundException => ExitCodes.NotFound,
        Otlp.OtlpExportException => ExitCodes.Receiver,
        StoreBusyException => ExitCodes.Busy,
        StoreException or IOException or UnauthorizedAccessException or OverflowException => ExitCodes.StoreError,
        _ => null,
    };

    /// <summary>The stderr line (or two) of a failure ExitCodeFor knows, tested in the same order.</summary>
    private static void Report(Exception ex, StreamWriter errors)
    {
        switch (ex)
        {
            case UsageException:
                errors.WriteLine($"{Name}: {ex.Message}");
                errors.WriteLine($"Try '{Name} --help'.");
                break;
            case TelemetryValidationException:
                errors.WriteLine($"{Name}: {ex.Message} Nothing was written.");
                break;
            case ArgumentException:
                errors.WriteLine($"{Name}: {ex.Message.Split(" (Parameter", StringSplitOptions.None)[0]}");
                break;
            case StoreBusyException:
                errors.WriteLine($"{Name}: {ex.Message} Nothing was written.");
                break;
            case OverflowException:
                // Every row is within the store's ranges, so only a sum over an enormous number of them gets here.
                errors.WriteLine($"{Name}: a total over the rows read is too large to count exactly; narrow the command to fewer rows (--since, --until, --system).");
                break;
            default:
                // PriceTableException, SessionNotFoundException, StoreException, IOException, UnauthorizedAccessException
                errors.WriteLine($"{Name}: {ex.Message}");
                break;
        }
    }

    private static int Print(StreamWriter output, string text)
    {
        output.WriteLine(text);
        return ExitCodes.Ok;
    }
}

/// <summary>The streams a command works with, and the store it opens from --root (or the team database --database names).</summary>
public sealed class CliContext(Stream stdin, StreamWriter stdout, StreamWriter stderr) : IDisposable
{
    private Sync.ITeamDatabase? teamDatabase;

    public Stream Stdin { get; } = stdin;

    public StreamWriter Out { get; } = stdout;

    public StreamWriter Err { get; } = stderr;

    public TelemetryStore OpenStore(string? root) =>
        new(StoreRoot.Resolve(root), Warn);

    /// <summary>
    /// A reader's local store (--root's). Every reader that takes --database queries it through OpenTeamDatabase first;
    /// reaching here with one would answer from the wrong store, so it is refused rather than ignored.
    /// </summary>
    public TelemetryStore OpenReadStore(Arguments a) =>
        a.Single("database") is null ? OpenStore(a.Single("root")) : throw new InvalidOperationException("--database is read through OpenTeamDatabase.");

    /// <summary>
    /// With --database, the team database (its schema checked) for a reader that sums in SQL; null for --root's store.
    /// Disposed with the context.
    /// </summary>
    public Sync.ITeamDatabase? OpenTeamDatabase(Arguments a)
    {
        if (a.Single("database") is not string database)
        {
            return null;
        }

        if (a.Single("root") is not null)
        {
            throw new UsageException("--root and --database name two stores: give one.");
        }

        var opened = TeamDatabases.Open(database);
        teamDatabase = opened;
        opened.CheckSchema();
        return opened;
    }

    public void Dispose() => teamDatabase?.Dispose();

    /// <summary>Tells a store's warning on stderr.</summary>
    public void Warn(StoreWarning w) => Err.WriteLine($"{CliApp.Name}: warning: {w}");
}
