using Microsoft.Extensions.Logging;

namespace FeatureStore.OfflineServing;

/// <summary>The offline Flight server's log events (stable ids 2001-2099).</summary>
internal static partial class OfflineServingLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "serving training sets over Arrow Flight for project '{Project}' on {Address}")]
    public static partial void Listening(ILogger logger, string project, string address);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "built training set {Ticket}: {Rows} rows in {Seconds:F2}s from {Spine}")]
    public static partial void Built(ILogger logger, string ticket, int rows, double seconds, string spine);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Error, Message = "{Method} failed")]
    public static partial void CallFailed(ILogger logger, string method, Exception exception);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "stopping the offline Flight server")]
    public static partial void Stopping(ILogger logger);
}
