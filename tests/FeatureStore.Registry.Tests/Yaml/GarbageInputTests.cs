using System.Text;
using FeatureStore.Registry.Validation;

namespace FeatureStore.Registry.Tests.Yaml;

/// <summary>No input crashes the loader: it either loads or throws a <see cref="DefinitionException"/> with located problems.</summary>
public sealed class GarbageInputTests
{
    private static readonly string[] Tokens =
    [
        "entities:", "feature_views:", "feature_services:", "data_sources:", "- ", "name: x", "join_keys:", "features:",
        "[", "]", "{", "}", ",", ":", "*a", "&a ", "!!binary ", "\"", "'", "|", ">", "---", "...", "\t", "\n", "\n  ", "\n    ",
        "type: int64", "ttl: 2d", "~", "null", "? ", "%YAML 1.2\n", "#", "\u00e9", "\0", "!", "!<x>", "%TAG ! tag:x,2000:\n",
        "&", "*", "\r", "\uFEFF", "\\", "\"\\x", "- - -", "[]", "{}",
    ];

    [Fact]
    public void Random_bytes_never_crash_the_loader()
    {
        var random = new Random(1234);
        using var repo = new TempRepo();
        for (var i = 0; i < 150; i++)
        {
            var bytes = new byte[random.Next(1, 400)];
            random.NextBytes(bytes);
            File.WriteAllBytes(Path.Combine(repo.Dir, "garbage.yaml"), bytes);

            AssertLoadsOrReportsLocatedProblems(repo);
        }
    }

    [Fact]
    public void Random_yaml_like_token_soup_never_crashes_the_loader()
    {
        var random = new Random(5678);
        using var repo = new TempRepo();
        for (var i = 0; i < 2000; i++)
        {
            var text = new StringBuilder();
            for (var t = random.Next(1, 60); t > 0; t--)
            {
                text.Append(Tokens[random.Next(Tokens.Length)]);
            }

            repo.Write("soup.yaml", text.ToString());

            AssertLoadsOrReportsLocatedProblems(repo);
        }
    }

    // Inputs on which YamlDotNet 16.3.0 throws InvalidOperationException / ArgumentException rather than YamlException.
    [Theory]
    [InlineData("...\n    features:features:---|\"\\x")]
    [InlineData("ttl: 2d]'\\#\uFEFF? %YAML 1.2\n---[]>%TAG ! tag:x,2000:\n{feature_views:\n  \rjoin_keys:\tfeatures:|'join_keys:`}|")]
    [InlineData("entities:>>&>ttl: 2d\0*feature_views:\t")]
    [InlineData("\r\t!!!'[? data_sources:\n  ...\tttl: 2d!")]
    public void Inputs_that_break_the_yaml_library_are_reported_as_malformed(string text)
    {
        using var repo = new TempRepo().Write("bad.yaml", text);

        Assert.Contains(repo.Problems(), p => p.StartsWith("bad.yaml:", StringComparison.Ordinal) && p.Contains("malformed YAML", StringComparison.Ordinal));
    }

    [Fact]
    public void Deep_nesting_is_reported_instead_of_overflowing_the_stack()
    {
        using var repo = new TempRepo().Write("deep.yaml", "entities: " + new string('[', 100_000) + new string(']', 100_000) + "\n");

        var problem = Assert.Single(repo.Problems());

        Assert.StartsWith("deep.yaml:1:", problem, StringComparison.Ordinal);
        Assert.Contains("nested deeper than 64 levels", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Alias_bombs_are_refused_before_reading()
    {
        var view = "  - &v {name: v, owner: o, source: s, features: [" + string.Join(", ", Enumerable.Repeat("*f", 60)) + "]}\n";
        var text = "feature_services:\n  - &f {name: f, owner: o, features: [{v: \"*\"}]}\nfeature_views:\n" + view + string.Concat(Enumerable.Repeat("  - *v\n", 60));
        using var repo = new TempRepo().Write("bomb.yaml", text);

        var problem = Assert.Single(repo.Problems());

        Assert.StartsWith("bomb.yaml:", problem, StringComparison.Ordinal);
        Assert.Contains("more than 100 aliases", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Aliases_and_odd_keys_are_reported_not_crashed_on()
    {
        using var repo = new TempRepo().Write(
            "odd.yaml",
            "entities: &e\n  - name: a\n    join_keys: *e\n  - {[x]: 1}\n  - name: b\n    join_keys: [{name: b_id, type: int64}]\n    tags: {k: [1]}\n");

        var problems = repo.Problems();

        Assert.Contains(problems, p => p.StartsWith("odd.yaml:4:6: unknown key a list in entity", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("odd.yaml:7:15: expected plain 'name: value' entries in 'tags', found a list", StringComparison.Ordinal));
    }

    private static void AssertLoadsOrReportsLocatedProblems(TempRepo repo)
    {
        try
        {
            repo.Load();
        }
        catch (DefinitionException e)
        {
            Assert.NotEmpty(e.Problems);
            Assert.All(e.Problems, p => Assert.False(string.IsNullOrWhiteSpace(p.Location)));
        }
    }
}
