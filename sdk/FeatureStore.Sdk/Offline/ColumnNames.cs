using System.Text;

namespace FeatureStore.Sdk.Offline;

/// <summary>How C# member names meet column names: compared ignoring case and underscores, written in snake_case.</summary>
internal static class ColumnNames
{
    /// <summary>The comparison key: <c>DriverId</c>, <c>driver_id</c> and <c>DRIVERID</c> all give <c>DRIVERID</c>.</summary>
    public static string Key(string name) => name.Replace("_", "", StringComparison.Ordinal).ToUpperInvariant();

    /// <summary><c>DriverId</c> → <c>driver_id</c>, <c>HTTPStatus</c> → <c>http_status</c>; names with underscores or all lower case stay.</summary>
    public static string SnakeCase(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                var afterLowerOrDigit = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]));
                var endsAcronym = i > 0 && char.IsUpper(name[i - 1]) && i + 1 < name.Length && char.IsLower(name[i + 1]);
                if ((afterLowerOrDigit || endsAcronym) && text[^1] != '_')
                {
                    text.Append('_');
                }

                text.Append(char.ToLowerInvariant(c));
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }
}
