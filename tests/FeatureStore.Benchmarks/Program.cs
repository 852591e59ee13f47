Console.Error.WriteLine("usage: dotnet run --project tests/FeatureStore.Benchmarks -c Release -- <benchmark>");
return 2;
