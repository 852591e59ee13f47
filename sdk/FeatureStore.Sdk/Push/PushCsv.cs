using System.Text;

namespace FeatureStore.Sdk.Push;

/// <summary>
/// RFC 4180 records (commas, double quotes with "" escapes, quoted line breaks), each with the line it starts on. An empty
/// unquoted field is null, "" an empty string.
/// </summary>
internal static class PushCsv
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
                if (c != '"')
                {
                    line += c == '\n' ? 1 : 0;
                    field.Append((char)c);
                }
                else if (reader.Peek() == '"')
                {
                    reader.Read();
                    field.Append('"');
                }
                else
                {
                    quoted = false;
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    quoted = wasQuoted = true;
                    break;
                case ',':
                    fields.Add(Finish(field, ref wasQuoted));
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(Finish(field, ref wasQuoted));
                    if (fields.Count > 1 || fields[0] is not null)
                        yield return (recordLine, fields);
                    fields = [];
                    recordLine = ++line;
                    break;
                default:
                    field.Append((char)c);
                    break;
            }
        }

        if (field.Length > 0 || fields.Count > 0 || wasQuoted)
        {
            fields.Add(Finish(field, ref wasQuoted));
            yield return (recordLine, fields);
        }
    }

    private static string? Finish(StringBuilder field, ref bool wasQuoted)
    {
        var text = field.Length == 0 && !wasQuoted ? null : field.ToString();
        field.Clear();
        wasQuoted = false;
        return text;
    }
}
