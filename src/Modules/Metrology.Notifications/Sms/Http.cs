using System.Text.Json;

namespace Metrology.Notifications.Sms;

internal static class Http
{
    public const string ClientName = "Metrology.Notifications";
    public const int AnswerLength = 2000;

    public static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Trim(string answer) => answer.Length <= AnswerLength ? answer : answer[..AnswerLength];

    /// <summary>The value at a dot path ("result.code") of a JSON body, as text; null when the body is not JSON or has no such value.</summary>
    public static string? JsonValue(string body, string path)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var element = document.RootElement;
            foreach (var name in path.Split('.', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var child)) element = child;
                else if (element.ValueKind == JsonValueKind.Array && int.TryParse(name, out var i) && i >= 0 && i < element.GetArrayLength()) element = element[i];
                else return null;
            }
            return element.ValueKind switch
            {
                JsonValueKind.String => element.GetString(),
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                _ => element.GetRawText(),
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
