using System.Text.Json;
using Metrology.Core.Enterprises;
using Metrology.Core.Instruments;
using Metrology.Core.Recipes;
using Metrology.Core.Reference;
using Metrology.Filings.Models;

namespace Metrology.Filings.Recipes;

/// <summary>
/// A demo filing through the same use cases as the site: <c>{ "name": "Filings", "Enterprise": "13900000001", "Institution": "第四分院",
/// "Address": "…", "Submit": true, "Reviewer": "admin", "Lines": [ { "SerialNumber": "…", "CatalogCode", "Usage", "Method", "Decision": "Accepted" | "Rejected", "Reason" } ] }</c>.
/// Lines name the enterprise's instruments by serial number; without "Submit" the filing stays a draft, without decisions it waits for review.
/// </summary>
internal sealed class FilingsStep(IEnterpriseDirectory enterprises, IReferenceData reference, IInstrumentRecords instruments, FilingService filings, FilingReview review)
    : IRecipeStepHandler
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public string Name => "Filings";

    public async Task ExecuteAsync(RecipeStepContext context)
    {
        var step = context.Step;
        var mobile = RecipeJson.Text(step, "Enterprise") ?? throw new RecipeStepException("缺少 Enterprise（企业联系人手机号）。");
        var enterprise = await enterprises.FindByMobileAsync(mobile) ?? throw new RecipeStepException($"没有手机号为 {mobile} 的企业。");
        var institutionName = RecipeJson.Text(step, "Institution") ?? throw new RecipeStepException("缺少 Institution（检定机构名称）。");
        var institution = (await reference.InstitutionsAsync()).FirstOrDefault(i => i.Name == institutionName)
            ?? throw new RecipeStepException($"检定机构「{institutionName}」不存在。");
        var (id, created) = await filings.CreateDraftAsync(enterprise, institution.Id, RecipeJson.Text(step, "Address") ?? enterprise.Address ?? "（地址）", "recipe");
        Check(created, "新建草稿");

        var all = (await instruments.SearchAsync(enterprise.Id, new InstrumentSearch(), 0, 10_000)).Items;
        var lines = RecipeJson.Array(step, "Lines").Select(e => e.Deserialize<DemoLine>(Json) ?? throw new RecipeStepException("备案行为空。")).ToList();
        var ids = lines.Select(l => all.FirstOrDefault(i => i.SerialNumber == l.SerialNumber)?.Id ?? throw new RecipeStepException($"没有出厂编号为 {l.SerialNumber} 的器具。")).ToList();
        Check(await filings.AddAsync(enterprise.Id, id!, ids, "recipe"), "添加器具");
        Check(await filings.UpdateLinesAsync(enterprise.Id, id!, lines.Select((l, i) => new FilingLine
        {
            InstrumentId = ids[i], CatalogCode = l.CatalogCode ?? all.First(a => a.Id == ids[i]).CatalogCode, Usage = l.Usage ?? all.First(a => a.Id == ids[i]).Usage,
            Method = l.Method ?? all.First(a => a.Id == ids[i]).Method, Department = all.First(a => a.Id == ids[i]).Department, Location = l.Location,
        }).ToList(), "recipe"), "完善器具信息");
        if (!(step.TryGetProperty("Submit", out var submit) && submit.GetBoolean())) return;
        Check(await filings.SubmitAsync(enterprise, id!, "recipe"), "提交");

        var reviewer = RecipeJson.Text(step, "Reviewer") ?? "admin";
        foreach (var decision in new[] { LineDecision.Accepted, LineDecision.Rejected })
        {
            var decided = lines.Select((l, i) => (l, i)).Where(x => x.l.Decision == decision).ToList();
            foreach (var group in decided.GroupBy(x => x.l.Reason))
                Check(await review.DecideForRecipeAsync(id!, group.Select(x => ids[x.i]).ToList(), decision == LineDecision.Accepted, group.Key, reviewer), "审核");
        }
    }

    private static void Check(FilingResult result, string what)
    {
        if (!result.Succeeded) throw new RecipeStepException($"{what}：" + string.Join("；", result.Errors.Select(e => e.Message)));
    }

    private sealed record DemoLine(string SerialNumber, string? CatalogCode, int? Usage, int? Method, string? Location, LineDecision? Decision, string? Reason);
}
