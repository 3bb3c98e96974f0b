using System.Text.Json;
using Metrology.Core.Data;
using Metrology.Core.Recipes;
using Metrology.ReferenceData.Models;
using Microsoft.EntityFrameworkCore;

namespace Metrology.ReferenceData.Recipes;

/// <summary>
/// <c>{ "name": "Institutions", "Institutions": [{ "Name", "Addresses": [..], "Phone", "Description",
/// "Regions": "*" or [codes], "Capabilities": "verifiable" or [codes],
/// "Departments": [{ "Name", "Phones", "Duties": ["FilingReview", …], "Discipline": "Electrical", "Notes" }] }] }</c>
/// </summary>
internal sealed class InstitutionsStep(TenantDbContext db, CatalogService catalog) : IRecipeStepHandler
{
    public string Name => "Institutions";

    public async Task ExecuteAsync(RecipeStepContext context)
    {
        var index = 0;
        foreach (var element in RecipeJson.Array(context.Step, "Institutions"))
        {
            index++;
            var name = RecipeJson.Text(element, "Name") ?? throw new RecipeStepException($"第 {index} 个机构没有名称。");
            var institution = await db.Set<Institution>().FirstOrDefaultAsync(i => i.Name == name);
            if (institution is null) db.Add(institution = new Institution { Name = name });
            institution.Addresses = string.Join("\n", RecipeJson.List(element, "Addresses"));
            institution.Phone = RecipeJson.Text(element, "Phone");
            institution.Description = RecipeJson.Text(element, "Description");
            await db.SaveChangesAsync();
            await SetRegionsAsync(institution, element, name);
            await SetCapabilitiesAsync(institution, element, name);
            await SetDepartmentsAsync(institution, element, name);
            await db.SaveChangesAsync();
        }
    }

    private async Task SetRegionsAsync(Institution institution, JsonElement element, string name)
    {
        var all = await db.Set<Region>().Select(r => r.Code).ToListAsync();
        var wanted = RecipeJson.Text(element, "Regions") == "*" ? all : RecipeJson.List(element, "Regions").ToList();
        var unknown = wanted.FirstOrDefault(c => !all.Contains(c));
        if (unknown is not null) throw new RecipeStepException($"机构「{name}」的服务区域「{unknown}」不存在。");
        db.RemoveRange(db.Set<InstitutionRegion>().Where(r => r.InstitutionId == institution.Id));
        db.AddRange(wanted.Select(c => new InstitutionRegion { InstitutionId = institution.Id, RegionCode = c }));
    }

    private async Task SetCapabilitiesAsync(Institution institution, JsonElement element, string name)
    {
        var verifiable = await catalog.Items.Where(i => i.Marking != ControlMarking.P).ToListAsync();
        List<CatalogItem> wanted;
        if (RecipeJson.Text(element, "Capabilities") == "verifiable") wanted = verifiable;
        else
        {
            wanted = [];
            foreach (var code in RecipeJson.List(element, "Capabilities"))
            {
                if (await catalog.CheckVerifiableAsync(code) is { } problem) throw new RecipeStepException($"机构「{name}」：{problem}");
                wanted.Add(verifiable.First(i => i.Code == code));
            }
        }
        db.RemoveRange(db.Set<InstitutionCapability>().Where(c => c.InstitutionId == institution.Id));
        db.AddRange(wanted.Select(i => new InstitutionCapability { InstitutionId = institution.Id, CatalogItemId = i.Id }));
    }

    private async Task SetDepartmentsAsync(Institution institution, JsonElement element, string name)
    {
        if (!element.TryGetProperty("Departments", out var list)) return;
        foreach (var d in list.EnumerateArray())
        {
            var deptName = RecipeJson.Text(d, "Name") ?? throw new RecipeStepException($"机构「{name}」有一个部门没有名称。");
            var department = await db.Set<Department>().FirstOrDefaultAsync(x => x.InstitutionId == institution.Id && x.Name == deptName);
            if (department is null) db.Add(department = new Department { InstitutionId = institution.Id, Name = deptName });
            department.Phones = RecipeJson.Text(d, "Phones");
            department.Notes = RecipeJson.Text(d, "Notes");
            department.Duties = DepartmentDuty.None;
            foreach (var duty in RecipeJson.List(d, "Duties"))
                department.Duties |= Enum.TryParse<DepartmentDuty>(duty, out var parsed) ? parsed : throw new RecipeStepException($"部门「{deptName}」的职责「{duty}」不存在。");
            var discipline = RecipeJson.Text(d, "Discipline") ?? "None";
            department.Discipline = Enum.TryParse<Discipline>(discipline, out var dis) ? dis : throw new RecipeStepException($"部门「{deptName}」的专业「{discipline}」不存在。");
        }
    }
}
