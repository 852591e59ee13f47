using Microsoft.Extensions.Logging;

namespace FeatureStore.Serving.Logging;

/// <summary>The server's log events. Event ids are stable (dashboards and alerts key on them): add new ones, never renumber.</summary>
internal static partial class ServerLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Feature server listening on {Address} (project {Project})")]
    public static partial void Listening(ILogger logger, string address, string project);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Metrics on {Address}/metrics")]
    public static partial void MetricsListening(ILogger logger, string address);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "Registry snapshot loaded: revision {Revision}, {Views} servable views, {Services} feature services")]
    public static partial void SnapshotLoaded(ILogger logger, long revision, int views, int services);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Warning, Message = "Registry snapshot could not be loaded; still serving revision {Revision}: {Reason}")]
    public static partial void SnapshotLoadFailed(ILogger logger, long revision, string reason);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Warning, Message = "Online store unavailable during {Method}: {Reason}")]
    public static partial void OnlineStoreUnavailable(ILogger logger, string method, string reason);

    [LoggerMessage(EventId = 6006, Level = LogLevel.Error, Message = "Unhandled error in {Method}")]
    public static partial void UnhandledError(ILogger logger, string method, Exception exception);

    [LoggerMessage(EventId = 6007, Level = LogLevel.Debug, Message = "Call {Method} ended with {Code}: {Reason}")]
    public static partial void CallFailed(ILogger logger, string method, string code, string reason);

    [LoggerMessage(EventId = 6008, Level = LogLevel.Warning, Message = "Freshness refresh failed: {Reason}")]
    public static partial void FreshnessRefreshFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 6009, Level = LogLevel.Information, Message = "Feature server stopping")]
    public static partial void Stopping(ILogger logger);

    [LoggerMessage(EventId = 6010, Level = LogLevel.Warning, Message = "Online PII audit: {Lines} lines could not be appended to the registry; requests go on, the lines are kept and retried: {Reason}")]
    public static partial void AuditAppendFailed(ILogger logger, int lines, string reason);

    [LoggerMessage(EventId = 6011, Level = LogLevel.Information, Message = "Online PII audit: the registry takes audit lines again ({Lines} appended)")]
    public static partial void AuditAppendRecovered(ILogger logger, int lines);

    [LoggerMessage(EventId = 6012, Level = LogLevel.Warning, Message = "Online PII audit: purging lines older than the retention failed (retried in an hour): {Reason}")]
    public static partial void AuditPurgeFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 6013, Level = LogLevel.Warning, Message = "Online PII audit: {Lines} lines were not appended before the server stopped")]
    public static partial void AuditLinesLost(ILogger logger, int lines);
}
