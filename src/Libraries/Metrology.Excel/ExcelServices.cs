using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Metrology.Excel;

public static class ExcelServices
{
    /// <summary>The reader's limits for every import, from the host's <c>Metrology:Import</c> section (or the defaults); each importing feature calls this.</summary>
    public static IServiceCollection AddXlsxLimits(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => sp.GetRequiredService<IConfiguration>().GetSection("Metrology:Import").Get<XlsxLimits>() ?? XlsxLimits.Default);
        return services;
    }
}
