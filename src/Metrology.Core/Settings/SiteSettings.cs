namespace Metrology.Core.Settings;

/// <summary>What the institute says about itself on every page.</summary>
public sealed record SiteSettings
{
    public string SiteName { get; init; } = "计量器具强制检定服务平台";
    public string TimeZoneId { get; init; } = "Asia/Shanghai";
    public string? Address { get; init; }
    public string? Phone { get; init; }
    public string? Email { get; init; }

    /// <summary>Changes when a new logo is saved; part of the logo's URL so browsers may cache it.</summary>
    public string? LogoVersion { get; init; }

    /// <summary>A stored UTC time as the institute's clock shows it.</summary>
    public DateTime Local(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc),
            TimeZoneInfo.TryFindSystemTimeZoneById(TimeZoneId, out var zone) ? zone : TimeZoneInfo.Utc);
}

/// <summary>The institute's logo, kept in the tenant's database so every web node sees it.</summary>
public sealed record SiteLogo
{
    public string ContentType { get; init; } = "";
    public byte[] Bytes { get; init; } = [];
}
