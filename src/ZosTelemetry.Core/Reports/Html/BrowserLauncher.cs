// Opens a report in the default browser: xdg-open on Linux and the BSDs, open on macOS, the shell's file association on
// Windows. $ZOS_OPEN_COMMAND names another program to run with the file as its one argument (a particular browser, or
// a stand-in in tests), so opening is testable without launching anything.
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ZosTelemetry.Reports.Html;

public static class BrowserLauncher
{
    public const string CommandVariable = "ZOS_OPEN_COMMAND";

    /// <summary>How the file would be opened on this platform, or with the given override program.</summary>
    public static ProcessStartInfo StartInfo(string path, string? overrideCommand, OSPlatform platform)
    {
        var info = !string.IsNullOrWhiteSpace(overrideCommand) ? new ProcessStartInfo(overrideCommand)
            : platform == OSPlatform.Windows ? new ProcessStartInfo(path) { UseShellExecute = true }
            : platform == OSPlatform.OSX ? new ProcessStartInfo("open")
            : new ProcessStartInfo("xdg-open");
        if (!info.UseShellExecute)
        {
            info.ArgumentList.Add(path);
            info.UseShellExecute = false;
        }

        return info;
    }

    /// <summary>Starts the opener and returns without waiting for the browser.</summary>
    public static void Open(string path)
    {
        var platform = OperatingSystem.IsWindows() ? OSPlatform.Windows : OperatingSystem.IsMacOS() ? OSPlatform.OSX : OSPlatform.Linux;
        var info = StartInfo(path, Environment.GetEnvironmentVariable(CommandVariable), platform);
        try
        {
            using var process = Process.Start(info);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new IOException($"Could not start '{info.FileName}' to open the report ({ex.Message}); open {path} yourself, or set ${CommandVariable} to a browser.", ex);
        }
    }
}
