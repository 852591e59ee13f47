using System.CommandLine;

namespace FeatureStore.Cli.Commands;

/// <summary><c>parquet schema|head|stats FILE</c>: look inside a Parquet file with the project's own codec.</summary>
internal static class ParquetCommands
{
    private static readonly string[] Formats = ["table", "csv", "json"];

    public static Command Create()
    {
        var command = new Command("parquet", "Inspect a Parquet file: schema, first rows, row group statistics");
        command.Add(Schema());
        command.Add(Head());
        command.Add(Stats());
        return command;
    }

    private static Argument<string> FileArgument() => new("file") { Description = "Path of a Parquet file" };

    private static Command Schema()
    {
        var file = FileArgument();
        var command = new Command("schema", "Columns with their logical and physical types and nullability, row and row group counts") { file };
        command.SetAction(parse =>
        {
            using var reader = ParquetFiles.Open(parse.GetRequiredValue(file));
            parse.Out().Write(ParquetSchemaRenderer.Render(reader));
            return 0;
        });
        return command;
    }

    private static Command Head()
    {
        var file = FileArgument();
        var rows = new Option<int>("-n", "--rows") { Description = "Number of rows to show", DefaultValueFactory = _ => 10 };
        var format = new Option<string>("--format") { Description = "table | csv | json (one object per line)", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong(Formats);
        var command = new Command("head", "The first rows of a file; reads only the row groups it needs") { file, rows, format };
        command.SetAction(parse =>
        {
            var count = parse.GetValue(rows);
            if (count < 0)
            {
                throw new CliUserException($"-n must be zero or more, got {count}");
            }

            using var reader = ParquetFiles.Open(parse.GetRequiredValue(file));
            var batches = ParquetFiles.FirstRows(reader, count);
            var output = parse.Out();
            switch (parse.GetValue(format))
            {
                case "csv": ParquetCsvRenderer.Write(output, reader.Schema, batches, count); break;
                case "json": ParquetJsonRenderer.Write(output, reader.Schema, batches, count); break;
                default: output.Write(ParquetTableRenderer.Render(reader.Schema, batches, count)); break;
            }

            return 0;
        });
        return command;
    }

    private static Command Stats()
    {
        var file = FileArgument();
        var command = new Command("stats", "Per row group: rows, and per column codec, encodings, sizes, min/max and null count") { file };
        command.SetAction(parse =>
        {
            using var reader = ParquetFiles.Open(parse.GetRequiredValue(file));
            parse.Out().Write(ParquetStatsRenderer.Render(reader));
            return 0;
        });
        return command;
    }
}
