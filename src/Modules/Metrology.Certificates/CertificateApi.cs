using Metrology.Certificates.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Certificates;

/// <summary>A page of an API list.</summary>
public sealed record ApiPage<T>(int Page, int PageSize, int Total, IReadOnlyList<T> Items);

/// <summary>A certificate as the API lists it; <c>Pdf</c> is the download path while it is issued.</summary>
public sealed record ApiCertificate(string Number, string Kind, string Status, string InstrumentName, string SerialNumber, string Conclusion,
    DateOnly VerifiedOn, DateOnly? ValidUntil, decimal FeesOutstanding, string? Pdf);

/// <summary>An instrument of the enterprise's library as the API lists it.</summary>
public sealed record ApiInstrument(string Id, string Name, string ModelSpec, string SerialNumber, string? OwnNumber, string? CatalogCode,
    string? Department, string Filing, DateOnly? ValidUntil);

/// <summary>
/// The read-only JSON API for an enterprise's own systems (other provinces' enterprises scrape PDFs one by one today):
/// <c>/api/v1/certificates</c>, <c>/api/v1/certificates/{number}/pdf</c>, <c>/api/v1/instruments</c>, paged, with a
/// per-enterprise token (<c>Authorization: Bearer mcms_…</c>, made on <c>/my/api</c>); the OpenAPI document is
/// <c>/api/v1/openapi.json</c>. A missing, wrong or revoked token gets 401; another enterprise's data is never reachable.
/// </summary>
internal static class CertificateApi
{
    public const int MaxPageSize = 200;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").WithTags("证书与器具");
        api.MapGet("/certificates", async (HttpContext http, ApiTokens tokens, CertificateLibrary library, int? page, int? pageSize, string? status, string? serial, CancellationToken ct) =>
        {
            if (await tokens.EnterpriseOfAsync(http.Request.Headers.Authorization, ct) is not int enterprise) return Unauthorized();
            var (p, size) = Paging(page, pageSize);
            var q = library.Query(enterprise);
            if (Enum.TryParse<CertificateStatus>(status, true, out var s)) q = q.Where(c => c.Status == s);
            if (!string.IsNullOrWhiteSpace(serial)) { var t = serial.Trim(); q = q.Where(c => c.SerialNumber == t); }
            var total = await q.CountAsync(ct);
            var rows = await q.OrderByDescending(c => c.IssuedUtc).ThenBy(c => c.Number).Skip((p - 1) * size).Take(size).ToListAsync(ct);
            return Results.Ok(new ApiPage<ApiCertificate>(p, size, total, rows.Select(c => new ApiCertificate(c.Number,
                c.Kind == CertificateKind.Certificate ? "检定证书" : "检定结果通知书", c.Status.ToString(), c.InstrumentName, c.SerialNumber, c.Passed ? "合格" : "不合格",
                c.VerifiedOn, c.ValidUntil, c.FeesOutstanding, c.Status == CertificateStatus.Issued ? $"{http.Request.PathBase}/api/v1/certificates/{c.Number}/pdf" : null)).ToList()));
        }).WithName("ListCertificates").WithSummary("本企业的检定证书（分页）").Produces<ApiPage<ApiCertificate>>().Produces(StatusCodes.Status401Unauthorized);

        api.MapGet("/certificates/{number}/pdf", async (HttpContext http, ApiTokens tokens, CertificateLibrary library, string number, CancellationToken ct) =>
        {
            if (await tokens.EnterpriseOfAsync(http.Request.Headers.Authorization, ct) is not int enterprise) return Unauthorized();
            var id = await library.Query(enterprise).Where(c => c.Number == number).Select(c => c.ContentItemId).FirstOrDefaultAsync(ct);
            return id is not null && await library.PdfAsync(enterprise, id, ct) is { } pdf ? Results.File(pdf.Pdf, "application/pdf", pdf.FileName) : Results.NotFound();
        }).WithName("CertificatePdf").WithSummary("证书 PDF（仅已发放的证书）").Produces(StatusCodes.Status200OK, contentType: "application/pdf").Produces(StatusCodes.Status404NotFound);

        api.MapGet("/instruments", async (HttpContext http, ApiTokens tokens, IInstrumentRecords instruments, int? page, int? pageSize, CancellationToken ct) =>
        {
            if (await tokens.EnterpriseOfAsync(http.Request.Headers.Authorization, ct) is not int enterprise) return Unauthorized();
            var (p, size) = Paging(page, pageSize);
            var (items, total) = await instruments.SearchAsync(enterprise, new InstrumentSearch(), (p - 1) * size, size, ct);
            return Results.Ok(new ApiPage<ApiInstrument>(p, size, total, items.Select(i => new ApiInstrument(i.Id, i.Name, i.ModelSpec, i.SerialNumber, i.OwnNumber,
                i.CatalogCode, i.Department, i.Filing.ToString(), i.ValidUntil)).ToList()));
        }).WithName("ListInstruments").WithSummary("本企业器具库中的在用器具（分页）").Produces<ApiPage<ApiInstrument>>().Produces(StatusCodes.Status401Unauthorized);

        endpoints.MapOpenApi("/api/{documentName}/openapi.json");
    }

    private static (int Page, int Size) Paging(int? page, int? pageSize) => (Math.Max(1, page ?? 1), Math.Clamp(pageSize ?? 50, 1, MaxPageSize));

    private static IResult Unauthorized() => Results.Json(new { error = "令牌无效或已撤销。" }, statusCode: StatusCodes.Status401Unauthorized);
}
