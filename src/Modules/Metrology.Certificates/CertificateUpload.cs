using System.Globalization;
using System.IO.Compression;
using Metrology.Certificates.Models;
using Metrology.Core.Data;
using Metrology.Core.Enterprises;
using Metrology.Core.Media;
using Metrology.Core.Reference;
using Metrology.Excel;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Certificates;

/// <summary>One certificate from a lab system: its number, the instrument's serial, the result, and its PDF.</summary>
public sealed record UploadedCertificate(string Number, string SerialNumber, bool Passed, DateOnly VerifiedOn, DateOnly? ValidUntil, string Regulation,
    string Verifier, string Checker, string Approver);

/// <summary>
/// 完检后上传证书信息 (seed 004 §一 3 (10)): certificates produced by an institute's own lab system, one (PDF + data) or in bulk (an
/// xlsx of the data plus a zip of PDFs named by number), checked row by row like the instrument import and matched to an
/// instrument of a received appointment of the institution. The uploaded PDF is served instead of a drawn one, with the same
/// check page.
/// </summary>
public sealed class CertificateUpload(TenantDbContext db, IAppointmentRecords appointments, IInstrumentRecords instruments, IEnterpriseDirectory enterprises,
    IReferenceData reference, CertificateIssuer issuer, IFileStore files)
{
    /// <summary>Hard limits of an uploaded zip, like the workbook's: files in it, and each PDF and all of them once inflated.</summary>
    public const int MaxZipEntries = 5_000, MaxPdfMegabytes = 20, MaxZipMegabytes = 1_024;

    public static readonly SheetColumn[] Columns =
    [
        new("证书编号", true, Width: 22), new("出厂编号", true, Width: 20), new("检定结论", true, ["合格", "不合格"], 10), new("检定日期", true, Width: 12),
        new("有效期至", Width: 12), new("检定依据", true, Width: 28), new("检定员", true), new("核验员", true), new("批准人", true),
    ];

    /// <summary>One certificate with its PDF; returns the certificate's id or the problem.</summary>
    public async Task<CertificateResult> SingleAsync(int institutionId, UploadedCertificate c, byte[] pdf, string? userName, CancellationToken ct = default)
    {
        if (!pdf.AsSpan().StartsWith("%PDF-"u8)) return CertificateResult.Fail("请上传 PDF 文件。");
        if (Check(c) is { } problem) return CertificateResult.Fail(problem);
        if (await db.Set<CertificateIndex>().AnyAsync(x => x.Number == c.Number, ct)) return CertificateResult.Fail($"证书编号 {c.Number} 已存在。");
        if (await ReceivedAsync(institutionId, c.SerialNumber, ct) is not { } match) return CertificateResult.Fail(NotReceived(c.SerialNumber));
        return await SaveAsync(institutionId, c, match, pdf, userName, ct);
    }

    /// <summary>
    /// The workbook's rows, each checked (fields, number not yet given, instrument received by the institution, its PDF in the
    /// zip); nothing is written while any row has a problem, unless <paramref name="importValidRows"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">The workbook or the zip is not readable or goes past a limit; the message says which.</exception>
    public async Task<ImportResult> BulkAsync(int institutionId, Stream workbook, Stream zipFile, bool importValidRows, string? userName, CancellationToken ct = default)
    {
        using var zip = OpenZip(zipFile);
        var pdfs = zip.Entries.Where(e => e.FullName.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase) && !e.FullName.EndsWith('/'))
            .GroupBy(e => Path.GetFileNameWithoutExtension(e.Name), StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var matches = new Dictionary<int, (AppointmentInfo, AppointmentLineInfo)>();
        var import = new SheetImport<UploadedCertificate>
        {
            Columns = Columns,
            ImportValidRows = importValidRows,
            Parse = Parse,
            CrossCheck = async (items, errors) =>
            {
                var numbers = items.Select(i => i.Item.Number).ToList();
                var taken = await db.Set<CertificateIndex>().AsNoTracking().Where(x => numbers.Contains(x.Number)).Select(x => x.Number).ToListAsync(ct);
                foreach (var (row, item) in items)
                {
                    if (taken.Contains(item.Number) || items.Any(i => i.Row < row && i.Item.Number == item.Number))
                        errors.Add(new ImportError(row, "证书编号", $"证书编号 {item.Number} 已存在。"));
                    if (!pdfs.TryGetValue(item.Number, out var entry)) errors.Add(new ImportError(row, "证书编号", $"压缩包中没有 {item.Number}.pdf。"));
                    else if (entry.Length > MaxPdfMegabytes * 1024L * 1024) errors.Add(new ImportError(row, "证书编号", $"{item.Number}.pdf 超过 {MaxPdfMegabytes} MB。"));
                    if (await ReceivedAsync(institutionId, item.SerialNumber, ct) is { } match) matches[row] = match;
                    else errors.Add(new ImportError(row, "出厂编号", NotReceived(item.SerialNumber)));
                }
            },
            Save = async (items, errors) =>
            {
                foreach (var (row, item) in items)
                {
                    var pdf = await ReadAsync(pdfs[item.Number], ct);
                    if (!pdf.AsSpan().StartsWith("%PDF-"u8)) { errors.Add(new ImportError(row, "证书编号", $"{item.Number}.pdf 不是 PDF 文件。")); continue; }
                    var saved = await SaveAsync(institutionId, item, matches[row], pdf, userName, ct);
                    if (!saved.Succeeded) errors.Add(new ImportError(row, "证书编号", saved.Error!));
                }
            },
        };
        return await SheetImport.RunAsync(workbook, import, ct);
    }

    private static UploadedCertificate? Parse(XlsxRow row, List<ImportError> errors)
    {
        var cells = new SheetCells(row, Columns, errors);
        var number = cells.Text(0, 40);
        var serial = cells.Text(1, 100);
        var conclusion = cells.Text(2, 10);
        if (conclusion is not null and not ("合格" or "不合格")) cells.Error(2, "应为「合格」或「不合格」。");
        var verifiedOn = Date(cells, 3);
        var validUntil = Date(cells, 4);
        var regulation = cells.Text(5, 100);
        var verifier = cells.Text(6, 20);
        var checker = cells.Text(7, 20);
        var approver = cells.Text(8, 20);
        if (number is null || serial is null || conclusion is null || verifiedOn is null || regulation is null || verifier is null || checker is null || approver is null) return null;
        var item = new UploadedCertificate(number, serial, conclusion == "合格", verifiedOn.Value, validUntil, regulation, verifier, checker, approver);
        if (Check(item) is { } problem) { cells.Error(4, problem); return null; }
        return item;
    }

    private static DateOnly? Date(SheetCells cells, int index)
    {
        var text = cells.Text(index, 20);
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d", "yyyy.M.d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        // Excel stores a date cell as its serial day number.
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 20000 and < 80000)
            return DateOnly.FromDateTime(DateTime.FromOADate(serial));
        cells.Error(index, $"日期格式应为 2026-11-29，实际为「{text}」。");
        return null;
    }

    private static string? Check(UploadedCertificate c)
    {
        if (string.IsNullOrWhiteSpace(c.Number) || c.Number.Length > 40 || c.Number.Any(ch => char.IsWhiteSpace(ch) || ch is '/' or '\\')) return "证书编号不能为空、不能含空格或斜杠，最多 40 个字符。";
        if (c.Passed && c.ValidUntil is null) return "合格的证书须填写有效期至。";
        if (c.ValidUntil is { } until && until <= c.VerifiedOn) return "有效期至应晚于检定日期。";
        return null;
    }

    private static string NotReceived(string serial) => $"出厂编号 {serial} 没有本机构已接收的约检器具：请先在收发登记中接收该器具。";

    /// <summary>The received (or completed) appointment of the institution that holds an instrument of this serial number.</summary>
    private async Task<(AppointmentInfo Appointment, AppointmentLineInfo Line)?> ReceivedAsync(int institutionId, string serial, CancellationToken ct)
    {
        foreach (var a in await appointments.FindForCounterAsync(institutionId, serial, 20, ct))
        {
            if (a.State is not (AppointmentState.Received or AppointmentState.Completed)) continue;
            if (a.Lines.FirstOrDefault(l => l.SerialNumber == serial) is { } line) return (a, line);
        }
        return null;
    }

    private async Task<CertificateResult> SaveAsync(int institutionId, UploadedCertificate c, (AppointmentInfo Appointment, AppointmentLineInfo Line) match,
        byte[] pdf, string? userName, CancellationToken ct)
    {
        var (appointment, line) = match;
        var instrument = (await instruments.FindAnyAsync([line.InstrumentId], ct)).FirstOrDefault();
        var enterprise = await enterprises.FindAsync(appointment.EnterpriseId, ct);
        var institution = (await reference.InstitutionsAsync(ct)).FirstOrDefault(i => i.Id == institutionId);
        var path = $"certificates/uploads/{Guid.NewGuid():N}.pdf";
        using (var stream = new MemoryStream(pdf, writable: false)) await files.SaveAsync(path, stream, ct);
        var part = new CertificatePart
        {
            Kind = c.Passed ? CertificateKind.Certificate : CertificateKind.FailureNotice,
            Status = CertificateStatus.Issued,
            Number = c.Number,
            InstrumentId = line.InstrumentId,
            EnterpriseId = appointment.EnterpriseId,
            EnterpriseName = enterprise?.Name ?? "",
            EnterpriseAddress = enterprise?.Address,
            InstitutionId = institutionId,
            InstitutionName = institution?.Name ?? "",
            InstitutionAddress = institution?.Addresses?.Split('\n')[0].Trim(),
            InstitutionPhone = institution?.Phone,
            AppointmentId = appointment.Id,
            AppointmentNumber = appointment.Number,
            InstrumentName = line.Name,
            ModelSpec = line.ModelSpec,
            SerialNumber = line.SerialNumber,
            OwnNumber = line.OwnNumber,
            Manufacturer = instrument?.Manufacturer,
            CatalogCode = line.CatalogCode,
            Regulation = c.Regulation,
            Passed = c.Passed,
            VerifiedOn = c.VerifiedOn,
            ValidUntil = c.Passed ? c.ValidUntil : null,
            Verifier = c.Verifier,
            Checker = c.Checker,
            Approver = c.Approver,
            UploadedPdf = path,
        };
        var result = await issuer.CreateAsync(part, enterprise, userName, null, ct);
        if (!result.Succeeded) await files.DeleteAsync(path, ct);
        return result;
    }

    private static ZipArchive OpenZip(Stream zipFile)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(zipFile, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException("压缩包无法读取：请上传 .zip 文件。", e);
        }
        if (zip.Entries.Count > MaxZipEntries) { zip.Dispose(); throw new InvalidDataException($"压缩包中的文件超过 {MaxZipEntries} 个。"); }
        if (zip.Entries.Sum(e => e.Length) > MaxZipMegabytes * 1024L * 1024) { zip.Dispose(); throw new InvalidDataException($"压缩包解压后超过 {MaxZipMegabytes} MB。"); }
        return zip;
    }

    /// <summary>An entry's bytes, counted while inflating (the declared size may lie).</summary>
    private static async Task<byte[]> ReadAsync(ZipArchiveEntry entry, CancellationToken ct)
    {
        await using var stream = entry.Open();
        using var copy = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(buffer, ct)) > 0)
        {
            if (copy.Length + read > MaxPdfMegabytes * 1024L * 1024) throw new InvalidDataException($"{entry.Name} 解压后超过 {MaxPdfMegabytes} MB。");
            copy.Write(buffer, 0, read);
        }
        return copy.ToArray();
    }
}
