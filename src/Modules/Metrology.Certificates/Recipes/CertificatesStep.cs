using Metrology.Certificates.Models;
using Metrology.Core.Content;
using Metrology.Core.Data;
using Metrology.Core.Recipes;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Certificates.Recipes;

/// <summary>
/// Demo corrections and revocations through the desk's own use cases, as "证书管理员": <c>{ "name": "Certificates",
/// "Reissue": [{ "SerialNumber": "…", "AccuracyClass": "…" }], "Revoke": [{ "SerialNumber": "…", "Reason": "…" }] }</c>, each on the
/// instrument's latest issued or withheld certificate (made by the <c>Verification</c> step's approvals before it).
/// </summary>
internal sealed class CertificatesStep(TenantDbContext db, ContentManager contents, CertificateDesk desk) : IRecipeStepHandler
{
    private const string Actor = "证书管理员";

    public string Name => "Certificates";

    public async Task ExecuteAsync(RecipeStepContext context)
    {
        foreach (var r in RecipeJson.Array(context.Step, "Reissue"))
        {
            var found = await FindAsync(RecipeJson.Text(r, "SerialNumber"));
            var correction = CertificateCorrection.From(found.Part) with { AccuracyClass = RecipeJson.Text(r, "AccuracyClass") ?? found.Part.AccuracyClass };
            var result = await desk.ReissueAsync(found, Actor, correction, default);
            if (!result.Succeeded) throw new RecipeStepException("证书 重新出具：" + result.Error);
        }
        foreach (var r in RecipeJson.Array(context.Step, "Revoke"))
        {
            if (await desk.RevokeAsync(await FindAsync(RecipeJson.Text(r, "SerialNumber")), Actor, RecipeJson.Text(r, "Reason"), default) is { } error)
                throw new RecipeStepException("证书 撤销：" + error);
        }
    }

    private async Task<(ContentItem Item, CertificatePart Part)> FindAsync(string? serial)
    {
        var id = await db.Set<CertificateIndex>().AsNoTracking()
            .Where(c => c.SerialNumber == serial && (c.Status == CertificateStatus.Issued || c.Status == CertificateStatus.Withheld))
            .OrderByDescending(c => c.IssuedUtc).Select(c => c.ContentItemId).FirstOrDefaultAsync()
            ?? throw new RecipeStepException($"没有出厂编号为 {serial} 的有效证书。");
        var item = await contents.GetAsync(id, VersionOptions.Latest) ?? throw new RecipeStepException($"证书 {id} 不存在。");
        return (item, CertificatePart.Of(item));
    }
}
