using System.Security.Claims;
using System.Text.Json;
using Metrology.Core.Recipes;
using Microsoft.AspNetCore.Identity;

namespace Metrology.Core.Security;

/// <summary>
/// <c>{ "name": "Roles", "Roles": [{ "Name": "Reviewer", "Description": "…", "Permissions": ["…"] }] }</c>:
/// creates or updates roles with exactly the listed permissions.
/// </summary>
internal sealed class RolesStep(RoleManager<Role> roles, PermissionService permissions) : IRecipeStepHandler
{
    public string Name => "Roles";

    public async Task ExecuteAsync(RecipeStepContext context)
    {
        if (!context.Step.TryGetProperty("Roles", out var list) || list.ValueKind != JsonValueKind.Array)
            throw new RecipeStepException("缺少 Roles 数组。");
        var known = (await permissions.AllAsync()).Select(p => p.Name).ToHashSet();
        var position = 0;
        foreach (var item in list.EnumerateArray())
        {
            position++;
            var name = item.TryGetProperty("Name", out var n) ? n.GetString() : null;
            if (string.IsNullOrWhiteSpace(name)) throw new RecipeStepException($"第 {position} 个角色没有名称。");
            var granted = item.TryGetProperty("Permissions", out var p) ? p.EnumerateArray().Select(x => x.GetString() ?? "").ToList() : [];
            var unknown = granted.FirstOrDefault(g => !known.Contains(g));
            if (unknown is not null) throw new RecipeStepException($"角色 “{name}” 的权限 “{unknown}” 不存在。");
            var description = item.TryGetProperty("Description", out var d) ? d.GetString() : null;
            await SaveAsync(name, description, granted);
        }
    }

    private async Task SaveAsync(string name, string? description, IReadOnlyCollection<string> granted)
    {
        var role = await roles.FindByNameAsync(name);
        if (role is null)
        {
            role = new Role(name) { Description = description };
            Check(await roles.CreateAsync(role), name);
        }
        else if (description is not null)
        {
            role.Description = description;
            Check(await roles.UpdateAsync(role), name);
        }
        var claims = await roles.GetClaimsAsync(role);
        foreach (var claim in claims.Where(c => c.Type == Permission.ClaimType && !granted.Contains(c.Value)))
            Check(await roles.RemoveClaimAsync(role, claim), name);
        foreach (var g in granted.Where(g => !claims.Any(c => c.Type == Permission.ClaimType && c.Value == g)))
            Check(await roles.AddClaimAsync(role, new Claim(Permission.ClaimType, g)), name);
    }

    private static void Check(IdentityResult result, string role)
    {
        if (!result.Succeeded)
            throw new RecipeStepException($"角色 “{role}”：{string.Join("；", result.Errors.Select(e => e.Description))}");
    }
}
