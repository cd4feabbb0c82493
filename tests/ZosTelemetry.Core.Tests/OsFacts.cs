// Facts that only mean something on one operating system: reported as skipped elsewhere rather than passing
// vacuously. The CI workflow runs the suite on Linux, Windows and macOS, so each runs where it applies.
using System.Runtime.InteropServices;

namespace ZosTelemetry.Tests;

public sealed class WindowsFactAttribute : FactAttribute
{
    public WindowsFactAttribute()
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            Skip = "Windows only (ACLs, sharing violations, %USERPROFILE%).";
        }
    }
}

public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
        {
            Skip = "Linux only.";
        }
    }
}

public sealed class MacOSFactAttribute : FactAttribute
{
    public MacOSFactAttribute()
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.OSX))
        {
            Skip = "macOS only.";
        }
    }
}
