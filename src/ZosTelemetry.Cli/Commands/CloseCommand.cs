// close: summarise one session into a summary row and print that row; exit 1 when the session has no events.
using System.Buffers;
using ZosTelemetry.Store;

namespace ZosTelemetry.Cli.Commands;

public static class CloseCommand
{
    public static int Run(string[] args, CliContext cli)
    {
        var a = Arguments.Parse(args, "close", ["root", "session-id", WriterStore.LockTimeoutOption], [], positionals: 0);
        var summary = WriterStore.Open(cli, a).Close(a.Required("session-id", "close"));
        var buffer = new ArrayBufferWriter<byte>(512);
        RowCodec.WriteSession(buffer, summary);
        cli.Out.Flush();
        cli.Out.BaseStream.Write(buffer.WrittenSpan);
        cli.Out.BaseStream.Write("\n"u8);
        return ExitCodes.Ok;
    }
}
