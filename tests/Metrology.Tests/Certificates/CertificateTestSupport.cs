using System.Diagnostics;
using Metrology.Certificates;
using Metrology.Certificates.Models;
using Metrology.Core.Content;
using Metrology.Core.Data;
using Metrology.Core.Verification;
using Metrology.Instruments.Models;
using Metrology.Tests.Filings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace Metrology.Tests.Certificates;

/// <summary>
/// The verification feature's side of the contract with the fee state a test chooses: what the enterprise still owes on an
/// appointment and its approved results. The real flow (sign-off, then the counter marking the fee paid) is tested with the
/// demo's results in <see cref="CertificateReleaseTests"/>.
/// </summary>
internal sealed class TestVerificationResults : IVerificationResults
{
    public Dictionary<string, decimal> Fees { get; } = [];
    public List<ApprovedResult> Approved { get; } = [];

    public Task<ApprovedResult?> GetApprovedAsync(string resultId, CancellationToken ct = default) => Task.FromResult(Approved.FirstOrDefault(r => r.ResultId == resultId));

    public Task<IReadOnlyList<ApprovedResult>> ApprovedOfAppointmentAsync(string appointmentId, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<ApprovedResult>>(Approved.Where(r => r.AppointmentId == appointmentId).ToList());

    public Task<decimal> FeesOutstandingAsync(string appointmentId, CancellationToken ct = default) => Task.FromResult(Fees.GetValueOrDefault(appointmentId));
}

internal static class CertificateTestSupport
{
    /// <summary>An approved result for a real instrument of the tenant (found by serial), as the verification feature would hand it over.</summary>
    public static async Task<ApprovedResult> ResultForAsync(this FilingSite site, string serial, string institution, VerificationConclusion conclusion = VerificationConclusion.Pass,
        decimal fees = 0, string? appointmentId = null, DateOnly? verifiedOn = null)
    {
        var instrument = await site.InstrumentAsync(serial);
        var institutionId = await site.InTenantAsync(s => s.GetRequiredService<TenantDbContext>().Set<Metrology.ReferenceData.Models.Institution>()
            .Where(i => i.Name == institution).Select(i => i.Id).FirstAsync());
        var day = verifiedOn ?? DateOnly.FromDateTime(DateTime.UtcNow);
        return new ApprovedResult(Guid.NewGuid().ToString("N"), instrument.ContentItemId, instrument.EnterpriseId, institutionId, appointmentId ?? "appointment-" + serial,
            "YJ2026000001", instrument.Name, instrument.ModelSpec, instrument.SerialNumber, instrument.OwnNumber, "重庆示例仪表厂", "(0.016～4) m³/h",
            instrument.CatalogCode, "JJG 577-2012 膜式燃气表", "钟罩式气体流量标准装置 编号 2021-018", "20.3 ℃", "56 %RH", conclusion, "1.5 级",
            conclusion == VerificationConclusion.Fail ? "示值误差超差" : null, day, conclusion == VerificationConclusion.Pass ? day.AddYears(2).AddDays(-1) : null,
            "李检定", "赵核验", "陈批准", DateTime.UtcNow, fees > 0, fees);
    }

    /// <summary>Runs the certificate feature's handler as the verification feature calls it, with the test's fee state.</summary>
    public static Task ApproveAsync(this FilingSite site, ApprovedResult result, TestVerificationResults? results = null) => site.InTenantAsync(async s =>
    {
        var handler = ActivatorUtilities.CreateInstance<VerificationResultHandler>(s, results ?? new TestVerificationResults());
        await handler.ApprovedAsync(result);
        return 0;
    });

    public static Task FeesPaidAsync(this FilingSite site, string appointmentId, TestVerificationResults results) => site.InTenantAsync(async s =>
    {
        await ActivatorUtilities.CreateInstance<VerificationResultHandler>(s, results).FeesPaidAsync(appointmentId);
        return 0;
    });

    /// <summary>The tenant's certificates other than <paramref name="except"/> (the demo's, made by the recipe's approvals).</summary>
    public static async Task<List<CertificateIndex>> CertificatesAsync(this FilingSite site, IReadOnlySet<string>? except = null) =>
        (await site.InTenantAsync(s => s.GetRequiredService<TenantDbContext>().Set<CertificateIndex>().AsNoTracking().OrderBy(c => c.IssuedUtc).ToListAsync()))
        .Where(c => except is null || !except.Contains(c.ContentItemId)).ToList();

    /// <summary>The ids of the certificates the tenant has now (after set-up: the demo's).</summary>
    public static async Task<IReadOnlySet<string>> CertificateIdsAsync(this FilingSite site) =>
        (await site.CertificatesAsync()).Select(c => c.ContentItemId).ToHashSet();

    public static Task<CertificatePart> CertificateAsync(this FilingSite site, string id) => site.InTenantAsync(async s =>
        CertificatePart.Of((await s.GetRequiredService<ContentManager>().GetAsync(id))!));

    public static Task SetEmailAsync(this FilingSite site, string mobile, string email) => site.InTenantAsync(async s =>
    {
        var db = s.GetRequiredService<TenantDbContext>();
        var enterprise = await db.Set<Metrology.Enterprises.Models.Enterprise>().SingleAsync(e => e.ContactMobile == mobile);
        enterprise.Email = email;
        await db.SaveChangesAsync();
        return 0;
    });

    /// <summary>
    /// The text of the QR code on the PDF's first page, rendered as a grey image by pdftoppm and read by ZXing. The finder
    /// patterns are looked for among the page's text too, which misleads the detector at one resolution now and then: the
    /// page is tried at a few.
    /// </summary>
    public static async Task<string> QrOfAsync(byte[] pdf)
    {
        var folder = Directory.CreateTempSubdirectory("cert-qr").FullName;
        try
        {
            var file = Path.Combine(folder, "c.pdf");
            await File.WriteAllBytesAsync(file, pdf);
            foreach (var dpi in new[] { "150", "200", "300" })
            {
                var prefix = Path.Combine(folder, "page" + dpi);
                using (var process = Process.Start(new ProcessStartInfo("pdftoppm", ["-gray", "-r", dpi, "-f", "1", "-l", "1", file, prefix]) { RedirectStandardError = true })!)
                    await process.WaitForExitAsync();
                var (grey, width, height) = ReadPgm(await File.ReadAllBytesAsync(Directory.GetFiles(folder, $"page{dpi}*.pgm").Single()));
                var source = new PlanarYUVLuminanceSource(grey, width, height, 0, 0, width, height, false);
                var hints = new Dictionary<DecodeHintType, object> { [DecodeHintType.TRY_HARDER] = true };
                if (new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)), hints)?.Text is { } text) return text;
            }
            throw new InvalidOperationException("no QR code on the first page");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A binary PGM (P5, 8-bit) as its grey bytes.</summary>
    private static (byte[] Grey, int Width, int Height) ReadPgm(byte[] data)
    {
        var at = 0;
        string Token()
        {
            while (char.IsWhiteSpace((char)data[at])) at++;
            var start = at;
            while (!char.IsWhiteSpace((char)data[at])) at++;
            return System.Text.Encoding.ASCII.GetString(data, start, at - start);
        }
        if (Token() != "P5") throw new InvalidDataException("not a P5 image");
        int width = int.Parse(Token()), height = int.Parse(Token());
        Token();
        at++;
        return (data[at..(at + width * height)], width, height);
    }
}
