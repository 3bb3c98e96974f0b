using System.Text.Json;
using Metrology.Core.Data;
using Metrology.Core.Recipes;
using Metrology.Core.Enterprises;
using Metrology.Core.Reference;
using Metrology.Instruments.Models;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Instruments.Recipes;

/// <summary>
/// Demo instruments of an enterprise: <c>{ "name": "Instruments", "Enterprise": "13800000001", "Items": [ { "Name", "ModelSpec",
/// "SerialNumber", …, "FiledWith": "institution name", "ValidInDays": 20 } ] }</c>. Filed ones get the institution
/// and a valid-until date that many days from the setup, so the staff's due list has something to show.
/// </summary>
internal sealed class InstrumentsStep(IEnterpriseDirectory enterprises, IReferenceData reference, InstrumentLibrary library, TimeProvider clock) : IRecipeStepHandler
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Name => "Instruments";

    public async Task ExecuteAsync(RecipeStepContext context)
    {
        var mobile = RecipeJson.Text(context.Step, "Enterprise") ?? throw new RecipeStepException("缺少 Enterprise（企业联系人手机号）。");
        var enterprise = await enterprises.FindByMobileAsync(mobile)
            ?? throw new RecipeStepException($"没有手机号为 {mobile} 的企业。");
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var index = 0;
        foreach (var element in RecipeJson.Array(context.Step, "Items"))
        {
            index++;
            var part = element.Deserialize<InstrumentPart>(Json) ?? throw new RecipeStepException($"第 {index} 台器具为空。");
            var result = await library.SaveAsync(enterprise.Id, null, part, new Dictionary<string, string?>(), "站点初始化");
            if (!result.Succeeded) throw new RecipeStepException($"第 {index} 台器具（{part.Name}）：" + string.Join("；", result.Errors.Select(e => e.Message)));
            if (RecipeJson.Text(element, "FiledWith") is not { } institutionName) continue;
            var institution = (await reference.InstitutionsAsync()).FirstOrDefault(i => i.Name == institutionName)?.Id
                ?? throw new RecipeStepException($"检定机构「{institutionName}」不存在。");
            var days = element.TryGetProperty("ValidInDays", out var d) && d.TryGetInt32(out var n) ? n : 365;
            await library.UpdateAsync(result.Item!.ContentItemId, p => p with
            {
                FilingStatus = FilingStatus.Filed, Mandatory = true, EverFiled = true, FilingInstitutionId = institution,
                LastVerificationDate = today.AddDays(days).AddYears(-1), ValidUntil = today.AddDays(days),
            }, "站点初始化");
        }
    }
}
