using System.Xml.Linq;

namespace Metrology.Tests.Modules;

/// <summary>Modules depend on Core contracts (and the libraries), never on each other: the rule of docs/architecture.md, kept by the build's tests.</summary>
public sealed class ModuleBoundaryTests
{
    [Fact]
    public void No_module_project_references_another_module_project()
    {
        var root = RepositoryRoot();
        var crossing = CrossReferences(Path.Combine(root, "src", "Modules"));
        Assert.True(crossing.Count == 0, "模块之间不能直接引用（请通过 Metrology.Core 的契约）：\n" + string.Join("\n", crossing));
    }

    [Fact]
    public void The_check_finds_a_module_that_references_another()
    {
        var dir = Directory.CreateTempSubdirectory("modules-");
        try
        {
            Directory.CreateDirectory(Path.Combine(dir.FullName, "A"));
            Directory.CreateDirectory(Path.Combine(dir.FullName, "B"));
            File.WriteAllText(Path.Combine(dir.FullName, "B", "B.csproj"), "<Project />");
            File.WriteAllText(Path.Combine(dir.FullName, "A", "A.csproj"),
                "<Project><ItemGroup><ProjectReference Include=\"..\\B\\B.csproj\" /><ProjectReference Include=\"../../Core/Core.csproj\" /></ItemGroup></Project>");
            Assert.Equal(["A → B"], CrossReferences(dir.FullName).Select(r => r.Replace(".csproj", "").Replace("A/", "").Replace("B/", "")));
        }
        finally { dir.Delete(true); }
    }

    /// <summary>"project → referenced project" for each reference from a project under <paramref name="modules"/> to another there.</summary>
    private static List<string> CrossReferences(string modules)
    {
        var crossing = new List<string>();
        foreach (var project in Directory.GetFiles(modules, "*.csproj", SearchOption.AllDirectories))
        {
            foreach (var reference in XDocument.Load(project).Descendants("ProjectReference"))
            {
                var target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!, reference.Attribute("Include")!.Value.Replace('\\', '/')));
                if (target.StartsWith(modules + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                    crossing.Add($"{Path.GetRelativePath(modules, project)} → {Path.GetRelativePath(modules, target)}");
            }
        }
        return crossing;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Metrology.Cms.sln"))) return dir.FullName;
        throw new InvalidOperationException("Metrology.Cms.sln not found above " + AppContext.BaseDirectory);
    }
}
