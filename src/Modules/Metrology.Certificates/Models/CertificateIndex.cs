namespace Metrology.Certificates.Models;

/// <summary>One row per certificate, kept in the save's transaction: lists, look-ups by number and code, the API read this.</summary>
public sealed class CertificateIndex
{
    public string ContentItemId { get; set; } = "";
    public string Number { get; set; } = "";
    public string Code { get; set; } = "";
    public CertificateKind Kind { get; set; }
    public CertificateStatus Status { get; set; }
    public string? ResultId { get; set; }
    public string InstrumentId { get; set; } = "";
    public int EnterpriseId { get; set; }
    public int InstitutionId { get; set; }
    public string? AppointmentId { get; set; }
    public string InstrumentName { get; set; } = "";
    public string SerialNumber { get; set; } = "";
    public bool Passed { get; set; }
    public DateOnly VerifiedOn { get; set; }
    public DateOnly? ValidUntil { get; set; }
    public decimal FeesOutstanding { get; set; }
    public bool Uploaded { get; set; }
    public DateTime IssuedUtc { get; set; }
}
