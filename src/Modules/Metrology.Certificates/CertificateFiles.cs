using Metrology.Certificates.Models;
using Metrology.Core.Media;
using Metrology.Core.Settings;
using Metrology.Core.Tenants;
using Metrology.Documents.Pdf;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Metrology.Certificates;

/// <summary>A certificate's PDF: the one uploaded from a lab system, else drawn from the certificate with its institution's layout.</summary>
public sealed class CertificateFiles(IFileStore files, DocumentStore documents, IHttpContextAccessor http, IConfiguration configuration, TenantContext tenant)
{
    public Task<CertificateSettings> SettingsAsync(CancellationToken ct = default) => documents.GetAsync<CertificateSettings>(ct);

    public async Task<byte[]> PdfAsync(CertificatePart part, CancellationToken ct = default)
    {
        if (part.UploadedPdf is { } path && await files.OpenReadAsync(path, ct) is { } stream)
        {
            await using (stream)
            {
                using var copy = new MemoryStream();
                await stream.CopyToAsync(copy, ct);
                return copy.ToArray();
            }
        }
        var settings = await SettingsAsync(ct);
        return await RenderAsync(part, settings.LayoutOf(part.InstitutionId), settings, ct);
    }

    /// <summary>Draws the certificate with <paramref name="layout"/> (the saved one, or the one being edited for a preview).</summary>
    public async Task<byte[]> RenderAsync(CertificatePart part, CertificateLayout layout, CertificateSettings settings, CancellationToken ct = default)
    {
        CjkFontResolver.Install(configuration["Metrology:Pdf:CjkFont"]);
        return CertificatePdf.Render(new CertificateDrawing(part, layout, await LogoAsync(layout, ct), CheckUrl(settings, part.Code)));
    }

    /// <summary>The public check page's absolute address: the configured public address, else this request's.</summary>
    public string CheckUrl(CertificateSettings settings, string code)
    {
        var root = settings.PublicBaseUrl?.Trim().TrimEnd('/');
        if (string.IsNullOrEmpty(root))
        {
            var request = http.HttpContext?.Request;
            // Outside a request (a job), the tenant's prefix on the local host: set the public address in production.
            root = request is not null ? $"{request.Scheme}://{request.Host}{request.PathBase}"
                : "http://localhost" + (!tenant.HasTenant || string.IsNullOrEmpty(tenant.Tenant.RequestUrlPrefix) ? "" : "/" + tenant.Tenant.RequestUrlPrefix);
        }
        return $"{root}/verify/{code}";
    }

    public string FileName(CertificatePart part) => $"{part.Number}.pdf";

    private async Task<byte[]?> LogoAsync(CertificateLayout layout, CancellationToken ct)
    {
        if (layout.LogoPath is not { } path || await files.OpenReadAsync(path, ct) is not { } stream) return null;
        await using (stream)
        {
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, ct);
            return copy.ToArray();
        }
    }
}
