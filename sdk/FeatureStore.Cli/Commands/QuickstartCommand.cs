using System.CommandLine;
using FeatureStore.Cli.Sample;
using FeatureStore.Registry.Planning;
using FeatureStore.Sdk;

namespace FeatureStore.Cli.Commands;

/// <summary>
/// <c>quickstart [DIR]</c>: the main job on the embedded default, end to end: init a sample repo, apply it to the
/// SQLite registry, list what was registered, build a training set, materialize into the embedded online store,
/// serve one GetOnlineFeatures call over gRPC, then push live events to the server and read them back.
/// </summary>
internal static class QuickstartCommand
{
    public static Command Create()
    {
        var directory = new Argument<string>("dir")
        {
            Description = "Where to build the sample repo (default: quickstart-repo; rebuilt if it is an earlier sample)",
            DefaultValueFactory = _ => "quickstart-repo",
        };
        var command = new Command("quickstart", "Run the whole platform on a sample repo: apply, training set, materialize, serve, push") { directory };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.Out();
            var repoDir = Path.GetFullPath(parse.GetRequiredValue(directory));

            await Step(output, "1. init: a sample feature repo with generated Parquet history").ConfigureAwait(false);
            var summary = SampleRepo.Create(repoDir, "rides", DateTimeOffset.UtcNow, withPushSource: true);
            await output.WriteAsync(InitCommand.Describe(summary)).ConfigureAwait(false);

            await Step(output, "2. apply: register the definitions in the embedded SQLite registry").ConfigureAwait(false);
            await using (var store = await FeatureStoreSession.OpenAsync(repoDir, ct).ConfigureAwait(false))
            {
                var outcome = await store.ApplyAsync(store.LoadRepoDefinitions(), cancellationToken: ct).ConfigureAwait(false);
                await output.WriteAsync(PlanPrinter.Render(outcome.Plan)).ConfigureAwait(false);

                await Step(output, "3. list: what the registry holds now").ConfigureAwait(false);
                var listing = await store.ListAsync(ct).ConfigureAwait(false);
                foreach (var kind in new[] { "entities", "feature-views", "feature-services" })
                {
                    await output.WriteLineAsync($"{kind}:").ConfigureAwait(false);
                    await output.WriteLineAsync(ListCommand.Render(kind, listing)).ConfigureAwait(false);
                }

                await Step(output, "4. training set: point-in-time-correct features for a sample spine").ConfigureAwait(false);
                await TrainingSetQuickstart.RunAsync(store, listing, output, ct).ConfigureAwait(false);

                await Step(output, "5. materialize: the latest values into the embedded online store").ConfigureAwait(false);
                await MaterializeQuickstart.RunAsync(store, listing, output, ct).ConfigureAwait(false);
            }

            await Step(output, "6. serve: GetOnlineFeatures over gRPC with the C# client").ConfigureAwait(false);
            var server = await QuickstartServer.StartAsync(repoDir, ct).ConfigureAwait(false);
            await using (server.ConfigureAwait(false))
            {
                await output.WriteLineAsync($"server listening on {server.Address}").ConfigureAwait(false);
                await ServingQuickstart.RunAsync(server, output, ct).ConfigureAwait(false);

                await Step(output, $"7. stream: push live trip events to the server (push source driver_trip_events, online view {StreamingQuickstart.View})").ConfigureAwait(false);
                await StreamingQuickstart.RunAsync(server, repoDir, output, ct).ConfigureAwait(false);
                await output.WriteLineAsync("stopping the server").ConfigureAwait(false);
            }

            await output.WriteLineAsync($"\ndone. Explore with: ./featurestore --repo {repoDir} describe driver_ranking").ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static Task Step(TextWriter output, string title) => output.WriteLineAsync($"\n== {title}");
}
