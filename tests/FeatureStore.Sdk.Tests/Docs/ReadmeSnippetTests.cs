using System.Xml.Linq;
using FeatureStore.Parquet.Tests.Interop;

namespace FeatureStore.Sdk.Tests.Docs;

/// <summary>
/// Every ```csharp block of every README in the repo is a whole program (its using lines, statements, declarations) that
/// compiles on its own in a new console project referencing only the packed FeatureStore.Sdk package, warnings as errors:
/// a snippet cannot omit the namespaces it needs or drift from the API.
/// </summary>
[Collection(DocsCollection.Name)]
public sealed class ReadmeSnippetTests(PackedSdkFeed feed)
{
    private static readonly string[] NotSearched = ["bin", "obj", "node_modules"];

    [Fact]
    public async Task Every_csharp_snippet_of_a_readme_compiles_on_its_own_against_the_packed_sdk()
    {
        var snippets = Readmes(new DirectoryInfo(RepoPaths.Root))
            .SelectMany(readme => MarkdownCodeBlocks.Read(readme).Where(b => b.Language == "csharp"))
            .ToList();
        Assert.NotEmpty(snippets);

        // One project per snippet, all built by one dotnet build of a solution.
        var dir = feed.NewFolder("readme-snippets");
        var solution = new XElement("Solution");
        for (var i = 0; i < snippets.Count; i++)
        {
            var name = $"Snippet{i + 1}";
            var project = Directory.CreateDirectory(Path.Combine(dir, name)).FullName;
            await File.WriteAllTextAsync(Path.Combine(project, name + ".csproj"), feed.ConsoleProjectFile());
            await File.WriteAllTextAsync(Path.Combine(project, "Program.cs"), snippets[i].LineDirective + "\n" + snippets[i].Code + "\n");
            solution.Add(new XElement("Project", new XAttribute("Path", $"{name}/{name}.csproj")));
        }

        solution.Save(Path.Combine(dir, "snippets.slnx"));
        await feed.BuildAsync(dir);
    }

    /// <summary>README.md files of the repo, outside build output, packages and hidden folders.</summary>
    private static IEnumerable<string> Readmes(DirectoryInfo folder)
    {
        var readme = Path.Combine(folder.FullName, "README.md");
        if (File.Exists(readme))
        {
            yield return readme;
        }

        foreach (var child in folder.EnumerateDirectories().Where(d => !d.Name.StartsWith('.') && !NotSearched.Contains(d.Name)).OrderBy(d => d.Name, StringComparer.Ordinal))
        {
            foreach (var found in Readmes(child))
            {
                yield return found;
            }
        }
    }
}
