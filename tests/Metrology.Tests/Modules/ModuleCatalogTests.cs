using Metrology.Core.Modules;

namespace Metrology.Tests.Modules;

public sealed class ModuleCatalogTests
{
    private sealed class Feature(string id, bool always = false, params string[] deps) : ModuleStartup
    {
        public override string FeatureId => id;
        public override bool AlwaysEnabled => always;
        public override IReadOnlyList<string> Dependencies => deps;
    }

    [Fact]
    public void Features_come_after_their_dependencies()
    {
        var catalog = new ModuleCatalog([new Feature("C", false, "B"), new Feature("B", false, "A"), new Feature("A")]);
        Assert.Equal(["A", "B", "C"], catalog.Features.Select(f => f.FeatureId));
    }

    [Fact]
    public void Enabling_a_feature_enables_its_dependencies_and_the_always_enabled_ones()
    {
        var catalog = new ModuleCatalog([new Feature("Core", true), new Feature("Filing", false, "Library"), new Feature("Library"), new Feature("Other")]);
        Assert.Equal(["Core", "Filing", "Library"], catalog.Closure(["Filing"]).Order());
    }

    [Fact]
    public void A_dependency_cycle_is_refused_with_a_message()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ModuleCatalog([new Feature("A", false, "B"), new Feature("B", false, "A")]));
        Assert.Contains("循环", error.Message);
    }

    [Fact]
    public void A_missing_dependency_is_refused_with_a_message()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ModuleCatalog([new Feature("A", false, "Missing")]));
        Assert.Contains("Missing", error.Message);
    }

    [Fact]
    public void The_host_finds_the_modules_it_references()
    {
        var catalog = ModuleCatalog.Discover(typeof(Program).Assembly);
        Assert.Contains(catalog.Features, f => f.FeatureId == "Metrology.Users");
        Assert.Contains(catalog.Features, f => f.FeatureId == "Metrology.Admin");
        Assert.Contains(catalog.Features, f => f.FeatureId == "Metrology.Core");
    }
}
