using Metrology.Core.Settings;
using Microsoft.AspNetCore.Http;

namespace Metrology.Admin;

/// <summary>
/// <c>/favicon.ico</c>, which browsers ask for on their own: the institute's logo where it has one, else a
/// plain mark in the portal's colour (browsers take PNG or SVG under that name).
/// </summary>
internal static class Favicon
{
    private const string Mark =
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 32 32\"><rect width=\"32\" height=\"32\" rx=\"6\" fill=\"#1f4e8c\"/>" +
        "<circle cx=\"16\" cy=\"17\" r=\"9\" fill=\"none\" stroke=\"#fff\" stroke-width=\"2.5\"/><path d=\"M16 17l5-5\" stroke=\"#fff\" stroke-width=\"2.5\" stroke-linecap=\"round\"/></svg>";

    public static async Task<IResult> AnswerAsync(SiteSettingsService settings, HttpContext context)
    {
        context.Response.Headers.CacheControl = "public, max-age=86400";
        var logo = await settings.GetLogoAsync();
        return logo.Bytes.Length > 0 ? Results.File(logo.Bytes, logo.ContentType) : Results.Text(Mark, "image/svg+xml");
    }
}
