using Metrology.Core.Enterprises;
using Metrology.Filings.Models;

namespace Metrology.Filings;

/// <summary>The domain events of filing, for workflows (who is told, what is sent). Correlation: "filing:{id}".</summary>
public static class FilingEvents
{
    public const string Submitted = "FilingSubmitted";
    public const string LineDecided = "FilingLineDecided";
    public const string Reviewed = "FilingReviewed";

    /// <summary>The input workflows see; the SMS template of kind FilingResult reads enterprise.name, filing.*, reason.</summary>
    public static object Payload(EnterpriseInfo enterprise, FilingPart filing, string institution, string id, string? reason = null) => new
    {
        Id = id,
        enterprise = new { name = enterprise.Name, id = enterprise.Id },
        filing = new
        {
            number = filing.Number,
            institution,
            lineCount = filing.Lines.Count,
            acceptedCount = filing.Accepted,
            rejectedCount = filing.Rejected,
            approved = filing.Accepted > 0,
        },
        reason = reason ?? string.Join("；", filing.Lines.Where(l => l.Decision == LineDecision.Rejected).Select(l => $"{l.Name} {l.SerialNumber}：{l.Reason}").Distinct()),
        ContactMobile = enterprise.ContactMobile,
        Email = enterprise.Email,
        Url = $"/admin/filings/{id}",
    };
}
