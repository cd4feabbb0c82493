// sessions: the latest summary row of every closed session, as JSONL on stdout, newest first and streamed: the first
// rows are written while older month files are still being read.
using System.Buffers;
using ZosTelemetry.Store;

namespace ZosTelemetry.Cli.Commands;

public static class SessionsCommand
{
    public static int Run(string[] args, CliContext cli)
    {
        var a = Arguments.Parse(args, "sessions", ["root", "database", "system"], [], positionals: 0);
        var query = new SessionQuery { System = a.Single("system") };
        var sessions = cli.OpenTeamDatabase(a) is { } database
            ? Sync.TeamRows.StreamSessions(database, query, cli.Warn)
            : cli.OpenReadStore(a).StreamSessions(query);
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        cli.Out.Flush();
        foreach (var s in sessions)
        {
            RowCodec.WriteSession(buffer, s);
            buffer.Write("\n"u8);
            if (buffer.WrittenCount > 60 * 1024)
            {
                cli.Out.BaseStream.Write(buffer.WrittenSpan);
                buffer.ResetWrittenCount();
            }
        }

        cli.Out.BaseStream.Write(buffer.WrittenSpan);
        return ExitCodes.Ok;
    }
}
