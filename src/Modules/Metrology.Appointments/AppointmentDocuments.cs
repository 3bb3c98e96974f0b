using Metrology.Appointments.Models;
using Metrology.Core.Enterprises;
using Metrology.Core.Reference;
using Metrology.Core.Settings;
using Metrology.Documents;
using QRCoder;

namespace Metrology.Appointments;

/// <summary>
/// 预约单 (seed 004 §一 3 (7)): the appointment on half an A4 page, twice on one page (一式两份: 企业留存 / 检定机构留存), with its number as a QR
/// code the counter scans. Rendered by Chromium (<see cref="PdfRenderer"/>) for now; DESIGN.md wants PDFsharp for high-volume slips.
/// </summary>
public sealed class AppointmentDocuments(PdfRenderer pdf, SiteSettingsService site, IReferenceData reference)
{
    private const string Template = """
        <!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>{{{css}}}
        .copy { height: 128mm; overflow: hidden; box-sizing: border-box; padding-top: 2mm; }
        .cut { border-top: 1px dashed #888; margin: 3mm 0; text-align: center; font-size: 8pt; color: #888; }
        .head { display: flex; justify-content: space-between; align-items: flex-start; }
        .head img { width: 26mm; height: 26mm; }
        .big { font-size: 22pt; font-weight: bold; letter-spacing: 2px; }
        table.lines td, table.lines th { font-size: 9pt; } .meta td { padding: 1px 8px 1px 0; font-size: 10pt; }</style></head><body>
        {{#each copies}}
        <div class="copy">
          <div class="head"><div><h2 style="margin:0">{{../site}} 约检预约单</h2>
            <div>{{../kind}}　委托单号：{{../number}}　<b>（{{this}}）</b></div>
            <div class="big">{{../codeLabel}}：{{../code}}</div></div>
            <img src="data:image/png;base64,{{../qr}}" alt="{{../code}}" /></div>
          <table class="meta"><tr><td>委托单位：{{../enterprise.name}}</td><td>联系人：{{../enterprise.contact}}　{{../enterprise.mobile}}</td></tr>
          <tr><td>检定机构：{{../institution}}</td><td>约定日期：{{../date}} {{../timeWindow}}</td></tr>
          {{#if ../address}}<tr><td>现场地址：{{../address}}</td><td>检定员：{{../verifier}}　现场联系人：{{../contact}}</td></tr>{{/if}}</table>
          <table class="lines" style="width:100%;border-collapse:collapse" border="1" cellpadding="2">
          <thead><tr><th>序号</th><th>器具名称</th><th>型号规格</th><th>出厂编号</th><th>自编号</th><th>种别代码</th></tr></thead>
          <tbody>{{#each ../lines}}<tr><td>{{no}}</td><td>{{name}}</td><td>{{modelSpec}}</td><td>{{serial}}</td><td>{{own}}</td><td>{{catalog}}</td></tr>{{/each}}</tbody></table>
          {{#if ../more}}<p style="font-size:9pt">另有 {{../more}} 台器具，见委托单。</p>{{/if}}
          <p style="font-size:9pt;color:#444">{{../note}}</p>
        </div>
        {{#unless @last}}<div class="cut">- - - - - - - - 沿此线剪开 - - - - - - - -</div>{{/unless}}
        {{/each}}
        </body></html>
        """;

    /// <summary>Lines shown on each half page; the rest are counted.</summary>
    private const int LinesPerCopy = 10;

    public async Task<byte[]> SlipAsync(AppointmentPart part, EnterpriseInfo enterprise, CancellationToken ct = default)
    {
        var settings = await site.GetAsync(ct);
        var institution = (await reference.InstitutionsAsync(ct)).FirstOrDefault(i => i.Id == part.InstitutionId);
        var code = part.DeliveryNumber ?? part.Number;
        var model = new
        {
            css = PrintStyles.Css,
            copies = new[] { "企业留存", "检定机构留存" },
            site = settings.SiteName,
            kind = AppointmentLabels.Of(part.Kind),
            number = part.Number,
            codeLabel = part.Kind == AppointmentKind.SelfDelivery ? "自助送检编号" : "预约编号",
            code,
            qr = Convert.ToBase64String(Qr(code)),
            enterprise = new { name = enterprise.Name, contact = enterprise.ContactName, mobile = enterprise.ContactMobile },
            institution = institution?.Name,
            date = part.Kind == AppointmentKind.SelfDelivery ? "工作日到业务大厅送检" : AppointmentLabels.Date(part.ConfirmedDate),
            timeWindow = part.TimeWindow,
            address = part.Kind == AppointmentKind.OnSite ? part.Address : null,
            verifier = part.Verifier,
            contact = $"{part.ContactName} {part.ContactPhone}",
            lines = part.Lines.Take(LinesPerCopy).Select((l, i) => new { no = i + 1, name = l.Name, modelSpec = l.ModelSpec, serial = l.SerialNumber, own = l.OwnNumber, catalog = l.CatalogCode }),
            more = Math.Max(0, part.Lines.Count - LinesPerCopy),
            note = part.Kind == AppointmentKind.OnSite
                ? "检定员携带预约单应约到现场检定。先备案，再约检；先受理，再检定。"
                : $"请连同计量器具送至{institution?.Addresses?.Split('\n')[0] ?? "检定机构业务大厅"}，告知收发人员编号即可办理。先备案，再约检；先受理，再检定。",
        };
        return await pdf.RenderTemplateAsync(Template, model, new PdfOptions(Margin: "10mm"), ct);
    }

    /// <summary>The number as a QR code PNG (24-bit colour: what PDF writers accept).</summary>
    public static byte[] Qr(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(8, [0, 0, 0], [255, 255, 255]);
    }
}
