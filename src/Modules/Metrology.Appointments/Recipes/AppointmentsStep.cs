using System.Text.Json;
using Metrology.Appointments.Models;
using Metrology.Core.Enterprises;
using Metrology.Core.Instruments;
using Metrology.Core.Recipes;
using Metrology.Core.Reference;

namespace Metrology.Appointments.Recipes;

/// <summary>
/// A demo appointment through the same use cases as the site: <c>{ "name": "Appointments", "Enterprise": "13900000001", "Institution": "第四分院",
/// "Kind": "SelfDelivery" | "BookedDelivery" | "OnSite", "SerialNumbers": ["…"], "Address", "ContactName", "ContactPhone", "PreferredDates",
/// "Submit": true, "Confirm": { "InDays": 3, "TimeWindow": "09:00-11:00", "Verifier": "…", "By": "admin" } }</c>.
/// </summary>
internal sealed class AppointmentsStep(IEnterpriseDirectory enterprises, IReferenceData reference, IInstrumentRecords instruments,
    AppointmentService appointments, AppointmentDesk desk, TimeProvider clock) : IRecipeStepHandler
{
    public string Name => "Appointments";

    public async Task ExecuteAsync(RecipeStepContext context)
    {
        var step = context.Step;
        var mobile = RecipeJson.Text(step, "Enterprise") ?? throw new RecipeStepException("缺少 Enterprise（企业联系人手机号）。");
        var enterprise = await enterprises.FindByMobileAsync(mobile) ?? throw new RecipeStepException($"没有手机号为 {mobile} 的企业。");
        var institutionName = RecipeJson.Text(step, "Institution") ?? throw new RecipeStepException("缺少 Institution（检定机构名称）。");
        var institution = (await reference.InstitutionsAsync()).FirstOrDefault(i => i.Name == institutionName)
            ?? throw new RecipeStepException($"检定机构「{institutionName}」不存在。");
        var kind = Enum.TryParse<AppointmentKind>(RecipeJson.Text(step, "Kind"), out var k) ? k : throw new RecipeStepException("Kind 应为 SelfDelivery、BookedDelivery 或 OnSite。");
        var onSite = new OnSiteDetails(RecipeJson.Text(step, "Address"), RecipeJson.Text(step, "ContactName"), RecipeJson.Text(step, "ContactPhone"), RecipeJson.Text(step, "PreferredDates"));
        var (id, created) = await appointments.CreateAsync(enterprise, kind, institution.Id, onSite, "recipe");
        Check(created, "新建约检单");

        var all = (await instruments.SearchAsync(enterprise.Id, new InstrumentSearch(), 0, 10_000)).Items;
        var ids = RecipeJson.Array(step, "SerialNumbers").Select(e => e.GetString())
            .Select(s => all.FirstOrDefault(i => i.SerialNumber == s)?.Id ?? throw new RecipeStepException($"没有出厂编号为 {s} 的器具。")).ToList();
        Check(await appointments.AddAsync(enterprise, id!, ids, "recipe"), "从设备库导入");
        if (!(step.TryGetProperty("Submit", out var submit) && submit.GetBoolean())) return;
        Check(await appointments.SubmitAsync(enterprise, id!, "recipe"), "提交");
        if (!step.TryGetProperty("Confirm", out var confirm)) return;
        var days = confirm.TryGetProperty("InDays", out var d) ? d.GetInt32() : 3;
        var date = DateOnly.FromDateTime(clock.GetLocalNow().DateTime).AddDays(days);
        Check(await desk.ConfirmForRecipeAsync(id!, date, RecipeJson.Text(confirm, "TimeWindow"), RecipeJson.Text(confirm, "Verifier"), RecipeJson.Text(confirm, "By") ?? "admin"), "确认");
    }

    private static void Check(AppointmentResult result, string what)
    {
        if (!result.Succeeded) throw new RecipeStepException($"约检 {what}：" + string.Join("；", result.Errors.Select(e => e.Message)));
    }
}
