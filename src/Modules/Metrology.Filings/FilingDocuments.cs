using Metrology.Core.Enterprises;
using Metrology.Core.Reference;
using Metrology.Core.Settings;
using Metrology.Documents;
using Metrology.Excel;
using Metrology.Filings.Models;

namespace Metrology.Filings;

/// <summary>The printable filing form (备案申请表, PDF for the counter and the enterprise's records) and the xlsx of a filing or a queue.</summary>
public sealed class FilingDocuments(PdfRenderer pdf, SiteSettingsService site, IReferenceData reference)
{
    private const string Template = """
        <!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>{{{css}}}
        table.lines td, table.lines th { font-size: 10pt; } .meta td { padding: 2px 8px 2px 0; }</style></head><body>
        <h1 style="text-align:center">计量器具强制检定备案申请表</h1>
        <p style="text-align:right">申请编号：{{number}}　状态：{{state}}</p>
        <table class="meta"><tr><td>申请单位：{{enterprise.name}}</td><td>统一社会信用代码：{{enterprise.creditCode}}</td></tr>
        <tr><td>详细地址：{{address}}</td><td>联系人：{{enterprise.contactName}}　{{enterprise.contactMobile}}</td></tr>
        <tr><td>检定机构：{{institution}}</td><td>提交时间：{{submitted}}</td></tr></table>
        <table class="lines" style="width:100%;border-collapse:collapse" border="1" cellpadding="3">
        <thead><tr><th>序号</th><th>器具名称</th><th>型号规格</th><th>出厂编号</th><th>种别代码</th><th>用途</th><th>检定方式</th><th>使用部门</th><th>安装地点</th><th>审核结果</th></tr></thead>
        <tbody>{{#each lines}}<tr><td>{{no}}</td><td>{{name}}</td><td>{{modelSpec}}</td><td style="white-space:nowrap">{{serial}}</td><td>{{catalog}}</td><td>{{usage}}</td><td>{{method}}</td><td>{{department}}</td><td>{{location}}</td><td>{{decision}}</td></tr>{{/each}}</tbody></table>
        <p style="margin-top:24px">申请单位（盖章）：　　　　　　　　　　　　　　经办人：　　　　　　　　日期：</p>
        <p style="margin-top:8px;color:#555;font-size:9pt">{{site}}　先备案，再约检；先受理，再检定。</p>
        </body></html>
        """;

    public async Task<byte[]> PdfAsync(FilingPart filing, EnterpriseInfo enterprise, CancellationToken ct = default)
    {
        var settings = await site.GetAsync(ct);
        var institution = await InstitutionAsync(filing.InstitutionId, ct);
        var model = new
        {
            css = PrintStyles.Css,
            number = filing.Number,
            state = FilingLabels.Of(filing.State),
            address = filing.Address,
            institution,
            submitted = filing.SubmittedUtc is { } s ? FilingLabels.Local(s, settings.TimeZoneId) : "未提交",
            site = settings.SiteName,
            enterprise = new { name = enterprise.Name, creditCode = enterprise.CreditCode, contactName = enterprise.ContactName, contactMobile = enterprise.ContactMobile },
            lines = filing.Lines.Select((l, i) => new
            {
                no = i + 1, name = l.Name, modelSpec = l.ModelSpec, serial = l.SerialNumber, catalog = l.CatalogCode,
                usage = FilingLabels.Usage(l.Usage), method = FilingLabels.Method(l.Method), department = l.Department, location = l.Location,
                decision = FilingLabels.Of(l.Decision) + (l.Reason is { } r ? "：" + r : ""),
            }),
        };
        return await pdf.RenderTemplateAsync(Template, model, new PdfOptions(Landscape: true), ct);
    }

    /// <summary>The lines of one filing as an xlsx sheet.</summary>
    public static void WriteLines(Stream output, FilingPart filing) => XlsxWriter.Write(output,
    [
        new SheetData("备案器具", [new("器具名称", Width: 20), new("型号规格"), new("出厂编号", Width: 20), new("自编号"), new("种别代码"), new("器具用途"),
            new("检定方式"), new("使用部门"), new("安装地点", Width: 24), new("审核结果"), new("原因", Width: 30)],
            filing.Lines.Select(l => (IReadOnlyList<string?>)[l.Name, l.ModelSpec, l.SerialNumber, l.OwnNumber, l.CatalogCode, FilingLabels.Usage(l.Usage),
                FilingLabels.Method(l.Method), l.Department, l.Location, FilingLabels.Of(l.Decision), l.Reason])),
    ]);

    /// <summary>A queue's rows as an xlsx sheet (enterprise names looked up by the caller).</summary>
    public static void WriteQueue(Stream output, IEnumerable<(FilingIndex Filing, string Enterprise, string Institution)> rows, string timeZoneId) => XlsxWriter.Write(output,
    [
        new SheetData("备案申请", [new("申请编号", Width: 18), new("申请单位", Width: 30), new("检定机构", Width: 20), new("状态"), new("器具台数"), new("受理"), new("不予受理"),
            new("提交时间", Width: 18), new("审核完成", Width: 18)],
            rows.Select(r => (IReadOnlyList<string?>)[r.Filing.Number, r.Enterprise, r.Institution, FilingLabels.Of(r.Filing.State), r.Filing.LineCount.ToString(),
                r.Filing.AcceptedCount.ToString(), r.Filing.RejectedCount.ToString(),
                r.Filing.SubmittedUtc is { } s ? FilingLabels.Local(s, timeZoneId) : "", r.Filing.ReviewedUtc is { } v ? FilingLabels.Local(v, timeZoneId) : ""])),
    ]);

    private async Task<string> InstitutionAsync(int id, CancellationToken ct) =>
        (await reference.InstitutionsAsync(ct)).FirstOrDefault(i => i.Id == id)?.Name ?? "";
}
