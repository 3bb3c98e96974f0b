namespace Metrology.Tests.Contents;

public sealed class MarkdownRendererTests
{
    [Theory]
    [InlineData("[点我](javascript:alert(1))")]
    [InlineData("<javascript:alert(1)>")]
    [InlineData("![图](javascript:alert(1))")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    public void Staff_markdown_cannot_carry_script(string markdown)
    {
        var html = Metrology.Contents.MarkdownRenderer.ToHtml(markdown);
        Assert.DoesNotMatch("(href|src)=\"javascript", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img src=x", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_same_text_is_rendered_for_each_tenants_prefix_and_an_edit_shows_at_once()
    {
        // Rendered text is kept (RenderedText): the prefix and every character of the text are part of what is kept.
        var text = "见[下载中心](/downloads)。" + Guid.NewGuid().ToString("N");
        Assert.Contains("href=\"/zhaoqing/downloads\"", Metrology.Contents.MarkdownRenderer.ToHtml(text, "/zhaoqing"));
        Assert.Contains("href=\"/chongqing/downloads\"", Metrology.Contents.MarkdownRenderer.ToHtml(text, "/chongqing"));
        Assert.Contains("href=\"/zhaoqing/downloads\"", Metrology.Contents.MarkdownRenderer.ToHtml(text, "/zhaoqing"));
        Assert.Contains("href=\"/zhaoqing/forms\"", Metrology.Contents.MarkdownRenderer.ToHtml(text.Replace("/downloads", "/forms"), "/zhaoqing"));

        var steps = "1. **注册** 企业注册\n2. **备案** 提交备案\n" + Guid.NewGuid().ToString("N");
        Assert.Equal(["注册", "备案"], Metrology.Contents.GuideSteps.From(steps));
        Assert.Equal(["注册", "备案"], Metrology.Contents.GuideSteps.From(steps));
        Assert.Equal(["注册", "送检"], Metrology.Contents.GuideSteps.From(steps.Replace("**备案**", "**送检**")));
    }
}
