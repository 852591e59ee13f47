using System.CommandLine;
using System.Globalization;
using FeatureStore.Client;

namespace FeatureStore.Cli.Commands;

/// <summary>
/// <c>get-online-features --entity key=value [--entity ...] (--features v:f,... | --feature-service NAME)</c>: asks a
/// running feature server and prints one line per entity row and feature with value, status, event time and age.
/// A value is sent as int64 when it is an integer, else as a string; prefix <c>str:</c>, <c>int:</c> or <c>i32:</c> to choose.
/// </summary>
internal static class GetOnlineFeaturesCommand
{
    public static Command Create()
    {
        var entities = new Option<string[]>("--entity") { Description = "Join key value, key=value; repeat a key for more rows", Required = true, AllowMultipleArgumentsPerToken = false };
        var features = new Option<string[]>("--features") { Description = "Feature references view:feature (comma-separated or repeated)" };
        var service = new Option<string?>("--feature-service") { Description = "A registered feature service" };
        var server = new Option<string>("--server") { Description = "Feature server address", DefaultValueFactory = _ => "http://127.0.0.1:6566" };
        var fullNames = new Option<bool>("--full-feature-names") { Description = "Name features view__feature" };
        var timeout = new Option<double>("--timeout") { Description = "Deadline in seconds", DefaultValueFactory = _ => 5 };
        var command = new Command("get-online-features", "Read online feature values from a running feature server")
        {
            entities, features, service, server, fullNames, timeout,
        };
        command.SetAction(async (parse, ct) =>
        {
            var query = BuildQuery(parse.GetValue(entities) ?? [], parse.GetValue(features) ?? [], parse.GetValue(service), parse.GetValue(fullNames));
            if (!Uri.TryCreate(parse.GetValue(server), UriKind.Absolute, out var address))
            {
                throw new CliUserException($"--server '{parse.GetValue(server)}' is not an address like http://127.0.0.1:6566");
            }

            using var client = new FeatureServingClient(new FeatureServingClientOptions { Address = address, MaxRetries = 1 });
            OnlineFeaturesResult result;
            try
            {
                result = await client.GetOnlineFeaturesAsync(query, TimeSpan.FromSeconds(parse.GetValue(timeout)), ct).ConfigureAwait(false);
            }
            catch (FeatureServingException e)
            {
                throw new CliUserException($"feature server {address}: {e.Message}");
            }

            await parse.Out().WriteAsync(Render(result)).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    internal static OnlineFeatureQuery BuildQuery(string[] entities, string[] features, string? service, bool fullNames)
    {
        var references = features.SelectMany(f => f.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
        if ((references.Length == 0) == (service is null))
        {
            throw new CliUserException("give either --features view:feature,... or --feature-service NAME (one of them)");
        }

        var query = service is not null ? OnlineFeatureQuery.ForFeatureService(service) : OnlineFeatureQuery.ForFeatures(references);
        var columns = new List<(string Key, List<object> Values)>();
        foreach (var entity in entities)
        {
            var equals = entity.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new CliUserException($"--entity '{entity}' is not key=value");
            }

            var key = entity[..equals];
            var value = ParseValue(entity[(equals + 1)..], entity);
            var column = columns.FindIndex(c => c.Key == key);
            if (column < 0)
            {
                columns.Add((key, [value]));
            }
            else
            {
                columns[column].Values.Add(value);
            }
        }

        foreach (var (key, values) in columns)
        {
            query = query.WithEntities(key, [.. values]);
        }

        return query.WithFullFeatureNames(fullNames);
    }

    private static object ParseValue(string text, string entity)
    {
        if (text.StartsWith("str:", StringComparison.Ordinal))
        {
            return text[4..];
        }

        if (text.StartsWith("i32:", StringComparison.Ordinal))
        {
            return int.TryParse(text[4..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) ? i : throw new CliUserException($"--entity '{entity}': '{text[4..]}' is not an int32");
        }

        if (text.StartsWith("int:", StringComparison.Ordinal))
        {
            return long.TryParse(text[4..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) ? l : throw new CliUserException($"--entity '{entity}': '{text[4..]}' is not an int64");
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number : text;
    }

    internal static string Render(OnlineFeaturesResult result)
    {
        var rows = new List<IReadOnlyList<string>>();
        for (var row = 0; row < result.RowCount; row++)
        {
            foreach (var feature in result.FeatureNames)
            {
                var value = result[row, feature];
                rows.Add(
                [
                    row.ToString(CultureInfo.InvariantCulture),
                    feature,
                    Text(value.Value),
                    value.Status.Name(),
                    value.EventTimestamp?.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-",
                    value.Age is { } age ? AgeText(age) : "-",
                ]);
            }
        }

        return TextTable.Render(["ROW", "FEATURE", "VALUE", "STATUS", "EVENT TIME", "AGE"], rows);
    }

    private static string Text(object? value) => value switch
    {
        null => "-",
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        byte[] bytes => Convert.ToHexString(bytes),
        float[] list => "[" + string.Join(", ", list.Select(x => x.ToString("R", CultureInfo.InvariantCulture))) + "]",
        double[] list => "[" + string.Join(", ", list.Select(x => x.ToString("R", CultureInfo.InvariantCulture))) + "]",
        DateTimeOffset t => t.ToString("O", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string AgeText(TimeSpan age)
    {
        if (age < TimeSpan.Zero)
        {
            return "in the future";
        }

        return age.TotalSeconds < 60 ? $"{age.TotalSeconds:0.0}s"
            : age.TotalMinutes < 60 ? $"{(int)age.TotalMinutes}m{age.Seconds}s"
            : age.TotalHours < 48 ? $"{(int)age.TotalHours}h{age.Minutes}m"
            : $"{(int)age.TotalDays}d{age.Hours}h";
    }
}
