using Metrology.Core.Enterprises;
using Metrology.Core.Reference;
using Metrology.Core.Settings;
using Metrology.Documents;

namespace Metrology.Verification;

/// <summary>取件凭证: what the counter received of an appointment, where, when and by whom; the enterprise shows it to collect. Rendered by Chromium.</summary>
public sealed class ReceiptDocument(PdfRenderer pdf, SiteSettingsService site, IReferenceData reference, Reception reception)
{
    private const string Template = """
        <!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>{{{css}}}
        .big { font-size: 18pt; font-weight: bold; } table.lines td, table.lines th { font-size: 9pt; } .meta td { padding: 1px 10px 1px 0; font-size: 10pt; }</style></head><body>
        <h2 style="margin:0">{{site}} 取件凭证</h2>
        <div class="big">委托单号：{{number}}{{#if delivery}}　自助送检编号：{{delivery}}{{/if}}</div>
        <table class="meta"><tr><td>委托单位：{{enterprise.name}}</td><td>联系人：{{enterprise.contact}}　{{enterprise.mobile}}</td></tr>
        <tr><td>检定机构：{{institution}}</td><td>接收点：{{points}}</td></tr></table>
        <table class="lines" style="width:100%;border-collapse:collapse" border="1" cellpadding="3">
        <thead><tr><th>序号</th><th>器具名称</th><th>型号规格</th><th>出厂编号</th><th>自编号</th><th>接收点</th><th>接收时间</th><th>接收人</th><th>规定完成日期</th></tr></thead>
        <tbody>{{#each lines}}<tr><td>{{no}}</td><td>{{name}}</td><td>{{modelSpec}}</td><td>{{serial}}</td><td>{{own}}</td><td>{{point}}</td><td>{{time}}</td><td>{{by}}</td><td>{{due}}</td></tr>{{/each}}</tbody></table>
        <p>共接收 {{count}} 台{{#if notReceived}}；未接收 {{notReceived}} 台{{/if}}。凭本凭证取回仪器；检定完成后将短信通知。</p>
        <p style="font-size:9pt;color:#444">先备案，再约检；先受理，再检定。</p>
        </body></html>
        """;

    public async Task<byte[]> RenderAsync(AppointmentInfo a, IReadOnlyList<VerificationTask> tasks, EnterpriseInfo? enterprise, CancellationToken ct = default)
    {
        var settings = await site.GetAsync(ct);
        var institution = (await reference.InstitutionsAsync(ct)).FirstOrDefault(i => i.Id == a.InstitutionId);
        var points = (await reception.SettingsAsync(ct)).Points.Where(p => p.InstitutionId == a.InstitutionId).ToList();
        var used = tasks.Select(t => t.ReceptionPoint).Distinct()
            .Select(name => points.FirstOrDefault(p => p.Name == name) is { Address: { } address } ? $"{name}（{address}）" : name);
        var model = new
        {
            css = PrintStyles.Css,
            site = settings.SiteName,
            number = a.Number,
            delivery = a.DeliveryNumber,
            enterprise = new { name = enterprise?.Name, contact = enterprise?.ContactName, mobile = enterprise?.ContactMobile },
            institution = institution?.Name,
            points = string.Join("；", used),
            lines = tasks.Select((t, i) => new
            {
                no = i + 1, name = t.InstrumentName, modelSpec = t.ModelSpec, serial = t.SerialNumber, own = t.OwnNumber, point = t.ReceptionPoint,
                time = VerificationLabels.Local(t.ReceivedUtc, settings.TimeZoneId), by = t.ReceivedBy, due = VerificationLabels.Date(t.DueDate),
            }),
            count = tasks.Count,
            notReceived = a.Lines.Count(l => tasks.All(t => t.InstrumentId != l.InstrumentId)),
        };
        return await pdf.RenderTemplateAsync(Template, model, new PdfOptions(Margin: "12mm", Landscape: true), ct);
    }
}
