using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Core.Security;

/// <summary>
/// The antiforgery cookie's token decrypted once per value and remembered, as the sign-in cookie's ticket is
/// (<see cref="RememberedTickets"/>, ADR 0024). Every page with a form decrypted the antiforgery cookie again to issue the
/// form's token (≈2.5% of the library page's CPU). Only the antiforgery purpose's protector remembers; the form tokens
/// it issues are encrypted afresh for each page, as before (a page's token still differs from the last one's).
/// </summary>
public sealed class RememberedFormTokens(IDataProtectionProvider inner, TimeProvider clock) : IDataProtectionProvider
{
    /// <summary>The purpose ASP.NET Core's antiforgery serializer protects its tokens under.</summary>
    public const string AntiforgeryPurpose = "Microsoft.AspNetCore.Antiforgery.AntiforgeryToken.v1";

    private readonly RememberedValues<byte[]> _tokens = new(clock);

    public IDataProtector CreateProtector(string purpose)
    {
        var protector = inner.CreateProtector(purpose);
        return purpose == AntiforgeryPurpose ? new Remembering(protector, _tokens) : protector;
    }

    /// <summary>Wraps the site's data protection provider (registered by AddDataProtection as a factory): call after it.</summary>
    internal static void Decorate(IServiceCollection services)
    {
        var provider = services.Last(d => d.ServiceType == typeof(IDataProtectionProvider));
        var create = provider.ImplementationFactory ?? throw new InvalidOperationException("数据保护的提供者不是以工厂方法注册的。");
        services.Remove(provider);
        services.AddSingleton<IDataProtectionProvider>(sp => new RememberedFormTokens((IDataProtectionProvider)create(sp), sp.GetRequiredService<TimeProvider>()));
    }

    private sealed class Remembering(IDataProtector inner, RememberedValues<byte[]> tokens) : IDataProtector
    {
        public IDataProtector CreateProtector(string purpose) => inner.CreateProtector(purpose);

        public byte[] Protect(byte[] plaintext) => inner.Protect(plaintext);

        public byte[] Unprotect(byte[] protectedData)
        {
            var key = Convert.ToBase64String(protectedData);
            if (tokens.TryGet(key, out var remembered)) return (byte[])remembered!.Clone();
            var plaintext = inner.Unprotect(protectedData); // a token that does not decrypt throws, and is not remembered
            tokens.Remember(key, (byte[])plaintext.Clone());
            return plaintext;
        }
    }
}
