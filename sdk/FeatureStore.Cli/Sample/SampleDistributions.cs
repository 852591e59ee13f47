namespace FeatureStore.Cli.Sample;

/// <summary>Seeded random draws with realistic shapes for sample feature history.</summary>
internal sealed class SampleDistributions(int seed)
{
    private readonly Random _random = new(seed);

    public double Uniform() => _random.NextDouble();

    public int Int(int minInclusive, int maxExclusive) => _random.Next(minInclusive, maxExclusive);

    public bool Chance(double probability) => _random.NextDouble() < probability;

    /// <summary>Box-Muller normal draw.</summary>
    public double Normal(double mean, double standardDeviation)
    {
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return mean + standardDeviation * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public double LogNormal(double mu, double sigma) => Math.Exp(Normal(mu, sigma));

    /// <summary>Knuth's Poisson draw; fine for the small means used here.</summary>
    public int Poisson(double mean)
    {
        var limit = Math.Exp(-mean);
        var product = _random.NextDouble();
        var count = 0;
        while (product > limit)
        {
            product *= _random.NextDouble();
            count++;
        }
        return count;
    }

    /// <summary>Index into a list whose popularity falls off like 1/rank (a few big cities, many small ones).</summary>
    public int Zipf(int count)
    {
        var harmonic = 0.0;
        for (var rank = 1; rank <= count; rank++)
        {
            harmonic += 1.0 / rank;
        }
        var target = _random.NextDouble() * harmonic;
        for (var rank = 1; rank <= count; rank++)
        {
            target -= 1.0 / rank;
            if (target <= 0)
            {
                return rank - 1;
            }
        }
        return count - 1;
    }

    public static double Clamp(double value, double min, double max) => Math.Min(max, Math.Max(min, value));
}
