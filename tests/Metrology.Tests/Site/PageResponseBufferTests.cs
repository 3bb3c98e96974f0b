using Metrology.Core.Tenants;
using Metrology.Core.Web;
using Metrology.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;

namespace Metrology.Tests.Site;

/// <summary>
/// Rendered pages go out whole with their length (<see cref="PageResponseBuffer"/>): through the site, and the filter on
/// its own for what the site cannot easily show (a page past the limit, a page that fails while rendering, a download).
/// </summary>
public sealed class PageResponseBufferTests(SiteFactory site) : IAsyncLifetime
{
    private TenantSettings _tenant = null!;
    private string Prefix => "/" + _tenant.RequestUrlPrefix;

    public async ValueTask InitializeAsync() => _tenant = await site.CreateTenantAsync("Whole", "zhaoqing");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Pages_answer_with_their_length_anonymous_cached_or_not_and_signed_in()
    {
        using var visitor = site.Browser();
        foreach (var url in new[] { Prefix + "/", Prefix + "/?page=2", Prefix + "/", Prefix + "/guide", Prefix + "/no-such-page" })
            await AssertWholeAsync(await visitor.GetAsync(url));

        using var enterprise = site.Browser();
        await enterprise.LoginAsync(Prefix, "13800000001", SiteFactory.AdminPassword);
        await AssertWholeAsync(await enterprise.GetAsync(Prefix + "/my/instruments"));
    }

    private static async Task AssertWholeAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.True(body.Length > 1000, $"{response.RequestMessage!.RequestUri} answered {body.Length} bytes");
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        Assert.Contains("</html>", System.Text.Encoding.UTF8.GetString(body));
    }

    [Fact]
    public async Task A_page_is_written_once_with_its_length()
    {
        var (http, sent) = Context();
        await Run(http, new PageResult(), async body => { for (var i = 0; i < 10; i++) { await body.WriteAsync(Bytes(1000, i)); await body.FlushAsync(); } });
        Assert.Equal(10_000, http.Response.ContentLength);
        Assert.Equal(1, sent.Writes);
        Assert.Equal(Enumerable.Range(0, 10).SelectMany(i => Bytes(1000, i)), sent.ToArray());
        Assert.Same(sent, http.Response.Body);
    }

    [Fact]
    public async Task A_page_past_the_limit_goes_out_as_it_renders_every_byte_in_order()
    {
        var (http, sent) = Context();
        var chunk = PageResponseBuffer.Limit / 3;
        await Run(http, new ViewResult(), async body => { for (var i = 0; i < 5; i++) await body.WriteAsync(Bytes(chunk, i)); });
        Assert.Null(http.Response.ContentLength);
        Assert.Equal(Enumerable.Range(0, 5).SelectMany(i => Bytes(chunk, i)), sent.ToArray());
        Assert.True(sent.Writes > 1);
    }

    [Fact]
    public async Task A_page_that_fails_while_rendering_has_sent_nothing()
    {
        var (http, sent) = Context();
        await Assert.ThrowsAsync<InvalidOperationException>(() => Run(http, new PageResult(), async body =>
        {
            await body.WriteAsync(Bytes(5000, 1));
            await body.FlushAsync();
            throw new InvalidOperationException("render failed");
        }));
        Assert.Equal(0, sent.Length);
        Assert.Null(http.Response.ContentLength);
        Assert.Same(sent, http.Response.Body);
    }

    [Fact]
    public async Task A_download_is_not_held()
    {
        var (http, sent) = Context();
        await Run(http, new FileContentResult([1, 2, 3], "application/octet-stream"), async body =>
        {
            await body.WriteAsync(Bytes(100, 1));
            Assert.Equal(1, sent.Writes);
        });
        Assert.Null(http.Response.ContentLength);
    }

    [Fact]
    public async Task An_empty_page_sets_no_length_so_the_status_code_pages_may_answer()
    {
        var (http, sent) = Context();
        await Run(http, new PageResult(), _ => Task.CompletedTask);
        Assert.Null(http.Response.ContentLength);
        Assert.Equal(0, sent.Writes);
    }

    private static byte[] Bytes(int length, int seed) => Enumerable.Range(0, length).Select(i => (byte)(i * 7 + seed)).ToArray();

    private static (DefaultHttpContext Http, CountingStream Sent) Context()
    {
        var sent = new CountingStream();
        var http = new DefaultHttpContext();
        http.Response.Body = sent;
        return (http, sent);
    }

    /// <summary>Runs the filter around a result whose execution is <paramref name="render"/>, writing to the response body.</summary>
    private static Task Run(HttpContext http, IActionResult result, Func<Stream, Task> render)
    {
        var action = new ActionContext(http, new RouteData(), new ActionDescriptor());
        var executing = new ResultExecutingContext(action, [], result, controller: new object());
        return new PageResponseBuffer().OnResultExecutionAsync(executing, async () =>
        {
            await render(http.Response.Body);
            return new ResultExecutedContext(action, [], result, new object());
        });
    }

    /// <summary>A memory stream that counts the writes it receives.</summary>
    private sealed class CountingStream : MemoryStream
    {
        public int Writes { get; private set; }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default)
        {
            Writes++;
            return base.WriteAsync(buffer, ct);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct)
        {
            Writes++;
            return base.WriteAsync(buffer, offset, count, ct);
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Writes++;
            base.Write(buffer);
        }
    }
}
