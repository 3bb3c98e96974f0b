using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Metrology.Tests.Filings;
using Metrology.Tests.Infrastructure;

namespace Metrology.Tests.Certificates;

/// <summary>The read-only API: an enterprise's token reads its own certificates and instruments only; a revoked token is refused; OpenAPI documents it.</summary>
public sealed class CertificateApiTests(SiteFactory site) : IAsyncLifetime
{
    private FilingSite _site = null!;
    private IReadOnlySet<string> _demo = null!;
    private const string Gas = "13900000001", Station = "13900000002", Branch = "第四分院";

    public async ValueTask InitializeAsync()
    {
        _site = await FilingSite.CreateAsync(site, "CertApi", "chongqing");
        _demo = await _site.CertificateIdsAsync();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task A_token_reads_its_enterprises_certificates_and_instruments_only_and_is_refused_once_revoked()
    {
        await _site.ApproveAsync(await _site.ResultForAsync("CQG2024-1001", Branch));
        await _site.ApproveAsync(await _site.ResultForAsync("CQJ2023-0501", Branch));
        var rows = await _site.CertificatesAsync(_demo);
        var mine = rows.Single(c => c.SerialNumber == "CQG2024-1001");
        var theirs = rows.Single(c => c.SerialNumber == "CQJ2023-0501");

        using var gas = await _site.SignInAsync(Gas);
        var made = await TestBrowser.ParseAsync(await _site.PostAsync(gas, "/my/api", "Create", ("Name", "对接系统")));
        var token = made.QuerySelector("#new-token")!.TextContent.Trim();
        Assert.StartsWith("mcms_", token);

        using var client = site.CreateClient();
        async Task<HttpResponseMessage> Get(string path, string? bearer)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, _site.Prefix + path);
            if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            return await client.SendAsync(request);
        }

        var list = await Get("/api/v1/certificates?pageSize=10", token);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        using (var json = JsonDocument.Parse(await list.Content.ReadAsStringAsync()))
        {
            Assert.Equal(1, json.RootElement.GetProperty("total").GetInt32());
            Assert.Equal(mine.Number, json.RootElement.GetProperty("items")[0].GetProperty("number").GetString());
        }
        Assert.Equal(HttpStatusCode.OK, (await Get($"/api/v1/certificates/{mine.Number}/pdf", token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Get($"/api/v1/certificates/{theirs.Number}/pdf", token)).StatusCode);
        var instruments = await (await Get("/api/v1/instruments?page=1&pageSize=50", token)).Content.ReadAsStringAsync();
        Assert.Contains("CQG2024-1001", instruments);
        Assert.DoesNotContain("CQJ2023-0501", instruments);

        Assert.Equal(HttpStatusCode.Unauthorized, (await Get("/api/v1/certificates", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Get("/api/v1/certificates", token + "x")).StatusCode);

        var page = await gas.GetDocumentAsync($"{_site.Prefix}/my/api");
        var id = page.QuerySelector("form[action*='handler=Revoke']")!.GetAttribute("action")!.Split("id=")[1].Split('&')[0];
        Assert.Equal(HttpStatusCode.Redirect, (await _site.PostAsync(gas, "/my/api", "Revoke&id=" + id)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Get("/api/v1/certificates", token)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Get("/api/v1/instruments", token)).StatusCode);

        var openApi = await Get("/api/v1/openapi.json", null);
        Assert.Equal(HttpStatusCode.OK, openApi.StatusCode);
        var document = await openApi.Content.ReadAsStringAsync();
        Assert.Contains("/api/v1/certificates", document);
        Assert.Contains("/api/v1/instruments", document);
    }
}
