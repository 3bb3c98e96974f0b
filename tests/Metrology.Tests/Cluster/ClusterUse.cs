using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Metrology.Tests.Infrastructure;
using Metrology.Tests.Workflows;
using Metrology.Workflows.Engine;
using Metrology.Workflows.Models;

namespace Metrology.Tests.Cluster;

/// <summary>What the cluster tests do through the pages a user uses: file an instrument and review it, import a workflow type.</summary>
internal static class ClusterUse
{
    public const string Prefix = "/zhaoqing";

    public static TestBrowser Browser(Uri url)
    {
        var cookies = new CookieContainer();
        var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false };
        return new TestBrowser(new HttpClient(handler) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) }, cookies);
    }

    public static Dictionary<string, string> Instrument(string serial) => new()
    {
        ["Input.Name"] = "水表", ["Input.ModelSpec"] = "LXS-20E", ["Input.SerialNumber"] = serial, ["Input.OwnNumber"] = "",
        ["Input.Origin"] = "1", ["Input.State"] = "2", ["Input.Usage"] = "4", ["Input.Kind"] = "3", ["Input.Method"] = "1",
        ["Input.RegionCode"] = "441202", ["Input.CatalogCode"] = "S0301", ["Input.Department"] = "供水部",
    };

    /// <summary>A step of a journey that did not answer as the page does on success.</summary>
    public sealed class StepFailed(string message) : Exception(message);

    /// <summary>
    /// One instrument from the library form to an accepted filing: the enterprise saves it, opens a draft, picks it, submits
    /// (强检申请) and the reviewer accepts all. Returns the filing's id once the review is acknowledged.
    /// </summary>
    public static async Task<string> FileAndReviewAsync(TestBrowser enterprise, TestBrowser reviewer, string serial, Action<string> saved)
    {
        await Expect(await enterprise.SubmitAsync(Prefix + "/my/instruments/edit", Instrument(serial)), "save");
        saved(serial);
        var create = (await enterprise.GetDocumentAsync(Prefix + "/my/filings")).QuerySelector<IHtmlSelectElement>("select#InstitutionId")
            ?? throw new StepFailed("draft: the filings page has no form");
        var institution = create.Options.First(o => o.Value != "0").Value;
        var created = await enterprise.PostFormAsync((IHtmlFormElement)create.Form!, new Dictionary<string, string> { ["InstitutionId"] = institution, ["Address"] = "肇庆市端州区示例路 1 号" });
        await Expect(created, "draft");
        var draft = TestBrowser.Location(created).Split('/').Last().Split('?')[0];
        var page = $"{Prefix}/my/filings/{draft}";

        var picker = await enterprise.GetDocumentAsync($"{page}?serial={Uri.EscapeDataString(serial)}");
        var box = picker.QuerySelectorAll<IHtmlInputElement>("#pickable input[name=Selected]").SingleOrDefault(b => b.Closest("label")!.TextContent.Contains(serial, StringComparison.Ordinal))
            ?? throw new StepFailed($"add: {serial} is not offered on the draft");
        await Expect(await enterprise.PostFormAsync((IHtmlFormElement)box.Form!, new Dictionary<string, string> { ["Selected"] = box.Value }), "add");

        var lines = (await enterprise.GetDocumentAsync(page)).QuerySelectorAll<IHtmlFormElement>("form[method=post]").FirstOrDefault(f => f.Elements["Lines[0].InstrumentId"] is not null)
            ?? throw new StepFailed("submit: the draft shows no line");
        lines.Action = $"{page}?handler=Submit";
        await Expect(await enterprise.PostFormAsync(lines, new Dictionary<string, string> { ["Lines[0].Location"] = "一号泵房" }), "submit");

        var review = (await reviewer.GetDocumentAsync($"{Prefix}/admin/filings/{draft}")).QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new StepFailed("review: the filing page has no form");
        await Expect(await reviewer.Client.PostAsync($"{Prefix}/admin/filings/{draft}?handler=AcceptAll",
            new FormUrlEncodedContent([new("__RequestVerificationToken", review)])), "review");
        return draft;
    }

    private static async Task Expect(HttpResponseMessage response, string step)
    {
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new StepFailed($"{step}: {(int)response.StatusCode} {Shorten(await TestBrowser.ErrorsOfAsync(response))}");
    }

    public static string Shorten(string text) => text.Length > 200 ? text[..200] : text;

    /// <summary>Imports a workflow type through the admin's import form (the JSON a type's export gives); redirects either way.</summary>
    public static async Task ImportWorkflowAsync(TestBrowser admin, WorkflowTypeExport type)
    {
        var json = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(type, WorkflowJson.Indented));
        var response = await admin.SubmitAsync(Prefix + "/admin/workflows", new Dictionary<string, string>(), "#import-type",
            new Dictionary<string, (string, byte[])> { ["file"] = ("workflow.json", json) });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>A type started once, by a timer at <paramref name="dueUtc"/> (a cron with the year: one time only), that finishes at once.</summary>
    public static WorkflowTypeExport OneShotTimer(string name, DateTime dueUtc)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(dueUtc, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        var cron = string.Create(CultureInfo.InvariantCulture, $"{local.Second} {local.Minute} {local.Hour} {local.Day} {local.Month} ? {local.Year}");
        return new Flow(name).Start("t", "Timer", new { Cron = cron }).Add("end", "Finish").Connect("t", "Done", "end").Build();
    }
}
