using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;

namespace Metrology.Core.Tenants;

/// <summary>A plain page for answers given before a tenant's services can run (disabled, not set up).</summary>
internal static class StatusPage
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    public static Task WriteAsync(HttpContext context, int status, string title, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        var t = Encoder.Encode(title);
        var m = Encoder.Encode(message);
        return context.Response.WriteAsync($$"""
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{t}}</title>
            <style>body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;background:#f5f6f8;color:#333;margin:0;display:flex;min-height:100vh;align-items:center;justify-content:center}
            main{background:#fff;border-radius:8px;padding:2rem 2.5rem;max-width:32rem;margin:1rem;box-shadow:0 1px 4px rgba(0,0,0,.08)}h1{font-size:1.4rem;margin-top:0}</style>
            </head><body><main><h1>{{t}}</h1><p>{{m}}</p></main></body></html>
            """);
    }
}
