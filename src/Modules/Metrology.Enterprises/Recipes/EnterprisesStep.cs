using Metrology.Core.Data;
using Metrology.Core.Recipes;
using Metrology.Core.Security;
using Metrology.Enterprises.Models;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Enterprises.Recipes;

/// <summary>
/// Demo enterprises with active accounts: <c>{ "name": "Enterprises", "Enterprises": [ { "Name", "CreditCode",
/// "ContactName", "ContactMobile", "Departments": [..], "Password", "Role" } ] }</c>. The login is the mobile number.
/// </summary>
internal sealed class EnterprisesStep(TenantDbContext db, UserManager<User> users, TimeProvider clock) : IRecipeStepHandler
{
    public string Name => "Enterprises";

    public async Task ExecuteAsync(RecipeStepContext context)
    {
        var index = 0;
        foreach (var element in RecipeJson.Array(context.Step, "Enterprises"))
        {
            index++;
            var name = RecipeJson.Text(element, "Name") ?? throw new RecipeStepException($"第 {index} 个企业没有名称。");
            var code = CreditCode.Normalize(RecipeJson.Text(element, "CreditCode"));
            if (CreditCode.Problem(code) is { } problem) throw new RecipeStepException($"企业「{name}」：{problem}");
            var mobile = RecipeJson.Text(element, "ContactMobile") ?? "";
            var user = await users.FindByNameAsync(mobile);
            if (user is null)
            {
                user = new User { UserName = mobile, PhoneNumber = mobile, DisplayName = name, CreatedUtc = clock.GetUtcNow().UtcDateTime };
                var created = await users.CreateAsync(user, RecipeJson.Text(element, "Password") ?? throw new RecipeStepException($"企业「{name}」没有密码。"));
                if (!created.Succeeded) throw new RecipeStepException($"企业「{name}」的账号无法创建：{string.Join("；", created.Errors.Select(e => e.Description))}");
                if (RecipeJson.Text(element, "Role") is { } role) await users.AddToRoleAsync(user, role);
            }
            if (await db.Set<Enterprise>().AnyAsync(e => e.CreditCode == code)) continue;
            db.Add(new Enterprise
            {
                Name = name,
                CreditCode = code,
                Kind = RecipeJson.Text(element, "Kind") == "PublicInstitution" ? EnterpriseKind.PublicInstitution : EnterpriseKind.Company,
                LegalRepresentative = RecipeJson.Text(element, "LegalRepresentative"),
                Address = RecipeJson.Text(element, "Address"),
                RegionCode = RecipeJson.Text(element, "RegionCode"),
                ContactName = RecipeJson.Text(element, "ContactName") ?? "",
                ContactMobile = mobile,
                Email = RecipeJson.Text(element, "Email"),
                Departments = string.Join("\n", RecipeJson.List(element, "Departments")),
                Status = EnterpriseStatus.Active,
                UserId = user.Id,
                CreatedUtc = clock.GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync();
        }
    }
}
