// close: summarise one session into a summary row and print that row; exit 1 when the session has no events.
// --outcome and --attempts say how an agent run ended where no session_end event did.
// Events without a recorded cost are priced now, with the prices in effect (see UsageOptions.Prices).
using System.Buffers;
using ZosTelemetry.Sessions;
using ZosTelemetry.Store;

namespace ZosTelemetry.Cli.Commands;

public static class CloseCommand
{
    public static int Run(string[] args, CliContext cli)
    {
        var a = Arguments.Parse(args, "close", ["root", "session-id", "prices", "outcome", "attempts", WriterStore.LockTimeoutOption, .. AlertArguments.Names], [], positionals: 0);
        string sessionId = a.Required("session-id", "close");
        var options = new SessionCloseOptions { Outcome = a.Single("outcome"), Attempts = a.Long("attempts"), AlertOptions = AlertArguments.Options(a) };
        var summary = WriterStore.Open(cli, a).Close(sessionId, UsageOptions.Prices(a), options);
        var buffer = new ArrayBufferWriter<byte>(512);
        RowCodec.WriteSession(buffer, summary);
        cli.Out.Flush();
        cli.Out.BaseStream.Write(buffer.WrittenSpan);
        cli.Out.BaseStream.Write("\n"u8);
        return ExitCodes.Ok;
    }
}
