using System.Globalization;
using System.Text.Json;

namespace FeatureStore.Sdk.Flight;

/// <summary>
/// A training set the server built and keeps until <see cref="ExpiresAt"/>: redeem <see cref="Ticket"/> with DoGet. Sent as
/// the JSON app metadata of DoPut's PutResult: <c>{"ticket": "...", "rows": N, "expires_at": "2026-...Z"}</c>.
/// </summary>
public sealed record OfflineFlightTicket(string Ticket, long Rows, DateTimeOffset ExpiresAt)
{
    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("ticket", Ticket);
            json.WriteNumber("rows", Rows);
            json.WriteString("expires_at", ExpiresAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <exception cref="FormatException">Not the JSON above.</exception>
    public static OfflineFlightTicket FromJson(ReadOnlySpan<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            var root = document.RootElement;
            return new OfflineFlightTicket(
                root.GetProperty("ticket").GetString() ?? throw new FormatException("the ticket is null"),
                root.GetProperty("rows").GetInt64(),
                root.GetProperty("expires_at").GetDateTimeOffset());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException($"the PutResult app metadata is not a ticket ({{\"ticket\", \"rows\", \"expires_at\"}}): {e.Message}", e);
        }
    }
}
