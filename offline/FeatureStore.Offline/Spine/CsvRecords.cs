using System.Text;

namespace FeatureStore.Offline;

/// <summary>
/// RFC 4180 records: commas, double quotes with "" escapes, quoted line breaks; each record with the line it starts on.
/// An empty unquoted field is null, "" an empty string. Spine files and pushed CSV files are read with it.
/// </summary>
public static class CsvRecords
{
    public static IEnumerable<(int Line, List<string?> Fields)> Parse(TextReader reader)
    {
        var fields = new List<string?>();
        var field = new StringBuilder();
        var quoted = false;
        var wasQuoted = false;
        var line = 1;
        var recordLine = 1;
        int c;
        while ((c = reader.Read()) >= 0)
        {
            if (quoted)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    field.Append((char)c);
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    quoted = true;
                    wasQuoted = true;
                    break;
                case ',':
                    fields.Add(Finish(field, wasQuoted));
                    wasQuoted = false;
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(Finish(field, wasQuoted));
                    wasQuoted = false;
                    if (fields.Count > 1 || fields[0] is not null)
                    {
                        yield return (recordLine, fields);
                    }

                    fields = [];
                    line++;
                    recordLine = line;
                    break;
                default:
                    field.Append((char)c);
                    break;
            }
        }

        if (field.Length > 0 || fields.Count > 0 || wasQuoted)
        {
            fields.Add(Finish(field, wasQuoted));
            yield return (recordLine, fields);
        }
    }

    // An empty unquoted field is null; "" is an empty string.
    private static string? Finish(StringBuilder field, bool wasQuoted)
    {
        var text = field.Length == 0 && !wasQuoted ? null : field.ToString();
        field.Clear();
        return text;
    }
}
