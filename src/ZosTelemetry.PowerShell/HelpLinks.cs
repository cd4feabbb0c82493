// Where each cmdlet's online help lives: its Markdown page in the repository (docs/cmdlets/<Name>.md), the same
// page the offline help is generated from. Get-Help -Online opens it.
namespace ZosTelemetry.PowerShell;

internal static class HelpLinks
{
    public const string Root = "https://github.com/zos-telemetry/ZosTelemetry/blob/main/docs/cmdlets/";
}
