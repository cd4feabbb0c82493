// A row the contract forbids to travel: export and merge refuse content-bearing (S3) families outright.
using ZosTelemetry.Store;

namespace ZosTelemetry.Contracts;

public sealed class ContractViolationException(string message) : StoreException(message);
