using System.Security.Claims;
using Metrology.Core.Security;
using Metrology.Tests.Notifications;
using Metrology.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Metrology.Tests.Security;

/// <summary>
/// The sign-in cookie's ticket is decrypted once per cookie value and remembered for <see cref="RememberedTickets.Lifetime"/>
/// (ADR 0024): every request gets its own copy, a value that does not decrypt is never remembered, and after the
/// lifetime the value is decrypted again. (That a disabled account or a changed role still counts on the next request,
/// with the site's real cookies, is <see cref="UserAccessCacheTests"/>.)
/// </summary>
public sealed class RememberedTicketsTests(SiteFactory site)
{
    [Fact]
    public void The_sites_sign_in_cookie_is_read_through_it()
    {
        var options = site.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>();
        Assert.IsType<RememberedTickets>(options.Get(IdentityConstants.ApplicationScheme).TicketDataFormat);
        Assert.IsNotType<RememberedTickets>(options.Get(IdentityConstants.ExternalScheme).TicketDataFormat);
    }

    /// <summary>The real format's stand-in: "good" decrypts to a ticket for 13800000001, anything else to nothing.</summary>
    private sealed class CountingFormat : ISecureDataFormat<AuthenticationTicket>
    {
        public int Decrypted { get; private set; }

        public string Protect(AuthenticationTicket data) => "good";

        public string Protect(AuthenticationTicket data, string? purpose) => "good";

        public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
        {
            Decrypted++;
            return protectedText != "good" ? null : new AuthenticationTicket(
                new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "13800000001")], "Identity.Application")), "Identity.Application");
        }
    }

    [Fact]
    public void A_value_is_decrypted_once_and_each_request_gets_a_copy_of_its_own()
    {
        var inner = new CountingFormat();
        var tickets = new RememberedTickets(inner, new TestClock());

        var first = tickets.Unprotect("good")!;
        ((ClaimsIdentity)first.Principal.Identity!).AddClaim(new Claim("changed-by-this-request", "1"));
        first.Properties.Items["renewed"] = "yes";
        var second = tickets.Unprotect("good")!;

        Assert.Equal(1, inner.Decrypted);
        Assert.Equal("13800000001", second.Principal.Identity!.Name);
        Assert.Null(second.Principal.FindFirst("changed-by-this-request"));
        Assert.False(second.Properties.Items.ContainsKey("renewed"));
        Assert.NotSame(first.Principal, second.Principal);
    }

    [Fact]
    public void A_value_that_does_not_decrypt_is_tried_each_time_and_a_purpose_or_nothing_goes_straight_through()
    {
        var inner = new CountingFormat();
        var tickets = new RememberedTickets(inner, new TestClock());

        Assert.Null(tickets.Unprotect("forged"));
        Assert.Null(tickets.Unprotect("forged"));
        Assert.Equal(2, inner.Decrypted);
        Assert.Null(tickets.Unprotect(null));
        Assert.NotNull(tickets.Unprotect("good", "tls-binding"));
        Assert.NotNull(tickets.Unprotect("good", "tls-binding"));
        Assert.Equal(5, inner.Decrypted);
    }

    [Fact]
    public void A_remembered_value_is_decrypted_again_once_its_lifetime_is_over()
    {
        var inner = new CountingFormat();
        var clock = new TestClock();
        var tickets = new RememberedTickets(inner, clock);

        tickets.Unprotect("good");
        clock.Offset = RememberedTickets.Lifetime - TimeSpan.FromSeconds(1);
        tickets.Unprotect("good");
        Assert.Equal(1, inner.Decrypted);

        clock.Offset = RememberedTickets.Lifetime + TimeSpan.FromSeconds(1);
        tickets.Unprotect("good");
        Assert.Equal(2, inner.Decrypted);
    }
}
