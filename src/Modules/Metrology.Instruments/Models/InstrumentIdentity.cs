using System.Security.Cryptography;
using System.Text;

namespace Metrology.Instruments.Models;

/// <summary>
/// The duplicate rule (seed 004 §三): name + model/spec + serial number + own number identify an instrument
/// within an enterprise. Compared after NFKC normalisation (full-width ＡＢＣ１２３ is ABC123), trimming and
/// upper-casing, so that what looks the same to a person is the same here.
/// </summary>
public static class InstrumentIdentity
{
    public static string Normalize(string? value) =>
        (value ?? "").Normalize(NormalizationForm.FormKC).Trim().ToUpperInvariant();

    public static string KeyOf(string name, string modelSpec, string serialNumber, string? ownNumber)
    {
        var text = string.Join('\u001f', Normalize(name), Normalize(modelSpec), Normalize(serialNumber), Normalize(ownNumber));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    public static string KeyOf(InstrumentPart p) => KeyOf(p.Name, p.ModelSpec, p.SerialNumber, p.OwnNumber);

    /// <summary>How the existing instrument is named in a duplicate message.</summary>
    public static string Describe(string name, string modelSpec, string serialNumber, string? ownNumber) =>
        $"「{name}」（型号规格 {modelSpec}，出厂编号 {serialNumber}{(string.IsNullOrEmpty(ownNumber) ? "" : $"，自编号 {ownNumber}")}）";
}
