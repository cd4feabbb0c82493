// A fact about Unix file modes: reported as skipped on Windows rather than passing vacuously.
namespace ZosTelemetry.Tests;

public sealed class UnixFactAttribute : FactAttribute
{
    public UnixFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "Unix file modes do not exist on Windows.";
        }
    }
}
