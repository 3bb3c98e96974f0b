using System.Security.Cryptography;
using Metrology.Core.Security;
using Metrology.Tests.Infrastructure;
using Metrology.Tests.Notifications;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Security;

/// <summary>
/// The antiforgery cookie's token is decrypted once per value and remembered for <see cref="RememberedTickets.Lifetime"/>
/// (<see cref="RememberedFormTokens"/>, ADR 0024): only under the antiforgery purpose, each caller gets its own copy, a
/// token that does not decrypt is never remembered, and protecting is not touched. (A forged form token is still refused
/// with the site's real tokens: the sign-out test in <c>LoginRulesTests</c>.)
/// </summary>
public sealed class RememberedFormTokensTests(SiteFactory site)
{
    [Fact]
    public void The_sites_antiforgery_tokens_are_read_through_it_and_still_round_trip()
    {
        var provider = site.Services.GetRequiredService<IDataProtectionProvider>();
        Assert.IsType<RememberedFormTokens>(provider);
        var protector = provider.CreateProtector(RememberedFormTokens.AntiforgeryPurpose);
        var token = protector.Protect([1, 2, 3]);
        Assert.Equal([1, 2, 3], protector.Unprotect(token));
        Assert.Equal([1, 2, 3], protector.Unprotect(token));
        Assert.NotEqual(token, protector.Protect([1, 2, 3])); // each page's form token is encrypted afresh
        Assert.Throws<CryptographicException>(() => provider.CreateProtector("another purpose").Unprotect(token));
    }

    /// <summary>The real provider's stand-in: decrypts [9, n] to [n] and throws for anything else, counting its calls.</summary>
    private sealed class CountingProvider : IDataProtectionProvider, IDataProtector
    {
        public int Decrypted { get; private set; }

        public IDataProtector CreateProtector(string purpose) => this;

        public byte[] Protect(byte[] plaintext) => [9, .. plaintext];

        public byte[] Unprotect(byte[] protectedData)
        {
            Decrypted++;
            return protectedData is [9, var n] ? [n] : throw new CryptographicException("forged");
        }
    }

    [Fact]
    public void A_token_is_decrypted_once_and_each_caller_gets_a_copy_of_its_own()
    {
        var inner = new CountingProvider();
        var protector = new RememberedFormTokens(inner, new TestClock()).CreateProtector(RememberedFormTokens.AntiforgeryPurpose);

        var first = protector.Unprotect([9, 7]);
        first[0] = 0;
        Assert.Equal([7], protector.Unprotect([9, 7]));
        Assert.Equal([8], protector.Unprotect([9, 8]));
        Assert.Equal(2, inner.Decrypted);
        Assert.Equal([9, 5], protector.Protect([5]));
    }

    [Fact]
    public void A_token_that_does_not_decrypt_is_tried_each_time_and_other_purposes_are_not_remembered()
    {
        var inner = new CountingProvider();
        var provider = new RememberedFormTokens(inner, new TestClock());
        var protector = provider.CreateProtector(RememberedFormTokens.AntiforgeryPurpose);

        Assert.Throws<CryptographicException>(() => protector.Unprotect([1, 2]));
        Assert.Throws<CryptographicException>(() => protector.Unprotect([1, 2]));
        Assert.Equal(2, inner.Decrypted);
        var other = provider.CreateProtector("Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware");
        other.Unprotect([9, 1]);
        other.Unprotect([9, 1]);
        Assert.Equal(4, inner.Decrypted);
    }

    [Fact]
    public void A_remembered_token_is_decrypted_again_once_its_lifetime_is_over()
    {
        var inner = new CountingProvider();
        var clock = new TestClock();
        var protector = new RememberedFormTokens(inner, clock).CreateProtector(RememberedFormTokens.AntiforgeryPurpose);

        protector.Unprotect([9, 1]);
        clock.Offset = RememberedTickets.Lifetime - TimeSpan.FromSeconds(1);
        protector.Unprotect([9, 1]);
        Assert.Equal(1, inner.Decrypted);
        clock.Offset = RememberedTickets.Lifetime + TimeSpan.FromSeconds(1);
        protector.Unprotect([9, 1]);
        Assert.Equal(2, inner.Decrypted);
    }
}
