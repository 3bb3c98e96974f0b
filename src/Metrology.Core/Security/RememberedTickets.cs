using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Metrology.Core.Security;

/// <summary>
/// The sign-in cookie's ticket, decrypted once per cookie value and remembered for a few minutes (ADR 0024). Every
/// signed-in request decrypted its cookie again (data protection: a key derivation, AES and an HMAC) and deserialized
/// the ticket, ≈5% of the library page's CPU. A remembered ticket is the one that value decrypted to, handed out as a
/// copy (the handler and its events may change the principal); what the handler checks after reading a ticket (its
/// expiry, the security stamp every minute, the account's tenant) runs on every request as before.
/// </summary>
public sealed class RememberedTickets(ISecureDataFormat<AuthenticationTicket> inner, TimeProvider clock) : ISecureDataFormat<AuthenticationTicket>
{
    /// <summary>Cookie values remembered at most: beyond it the least recently used go.</summary>
    public const int Capacity = RememberedValues<AuthenticationTicket>.Capacity;

    /// <summary>How long a decrypted value is remembered: also how long a revoked data protection key may still be honoured.</summary>
    public static readonly TimeSpan Lifetime = RememberedValues<AuthenticationTicket>.Lifetime;

    private readonly RememberedValues<AuthenticationTicket> _tickets = new(clock);

    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (protectedText is null || purpose is not null) return inner.Unprotect(protectedText, purpose);
        if (_tickets.TryGet(protectedText, out var remembered)) return remembered!.Clone();
        var ticket = inner.Unprotect(protectedText);
        if (ticket is not null) _tickets.Remember(protectedText, ticket.Clone());
        return ticket;
    }

    /// <summary>Wraps the application cookie's ticket format, after ASP.NET Core has set it (registered after AddIdentity).</summary>
    internal sealed class Setup(TimeProvider clock) : IPostConfigureOptions<CookieAuthenticationOptions>
    {
        public void PostConfigure(string? name, CookieAuthenticationOptions options)
        {
            if (name == IdentityConstants.ApplicationScheme && options.TicketDataFormat is not RememberedTickets)
                options.TicketDataFormat = new RememberedTickets(options.TicketDataFormat, clock);
        }
    }
}
