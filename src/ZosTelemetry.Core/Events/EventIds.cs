// Event ids: every event the store appends gets one unless its writer gave one, so that merging stores can tell
// "the same event seen twice" from "two events that happen to look alike". The id is random (128 bits, 32 lower-case
// hex digits): it says nothing about the event, the user or the machine, so it keeps the store content-free.
using System.Security.Cryptography;

namespace ZosTelemetry.Events;

public static class EventIds
{
    public const int Length = 32;

    public static string New() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
}
