using Metrology.Core.Tenants;

namespace Metrology.Tests.Tenants;

public sealed class TenantValidatorTests
{
    private static readonly TenantSettings Existing = new() { Name = "chongqing", RequestUrlPrefix = "chongqing" };
    private static readonly TenantSettings WithHost = new() { Name = "guangdong", RequestUrlPrefix = "zq", RequestUrlHosts = "gd.example.com" };

    [Theory]
    [InlineData("1abc", "zq", null, "名称须以字母开头")]
    [InlineData("ok_name", "Bad Prefix", null, "URL 前缀只能包含小写字母")]
    [InlineData("ok_name", "admin", null, "是系统保留的路径")]
    [InlineData("ok_name", "chongqing", null, "已被租户 chongqing 使用")]
    [InlineData("ok_name", "zq", "gd.example.com", "主机名 “gd.example.com” 已被租户 guangdong 使用")]
    [InlineData("ok_name", null, "bad host!", "格式不正确")]
    [InlineData("ok_name", null, null, "请填写 URL 前缀或主机名")]
    public void Each_broken_rule_has_its_message(string name, string? prefix, string? hosts, string message)
    {
        var errors = TenantValidator.Validate(new TenantSettings { Name = name, RequestUrlPrefix = prefix, RequestUrlHosts = hosts }, [Existing, WithHost]);
        Assert.Contains(errors, e => e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void A_valid_tenant_breaks_no_rule()
    {
        Assert.Empty(TenantValidator.Validate(new TenantSettings { Name = "zhaoqing", RequestUrlPrefix = "zhaoqing" }, [Existing, WithHost]));
    }
}
