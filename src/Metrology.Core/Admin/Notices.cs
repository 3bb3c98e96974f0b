using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Metrology.Core.Admin;

/// <summary>One-time messages shown at the top of the next page ("已保存").</summary>
public static class Notices
{
    public const string SuccessKey = "notice:success";
    public const string ErrorKey = "notice:error";

    public static void Success(this ITempDataDictionary tempData, string message) => tempData[SuccessKey] = message;

    public static void Error(this ITempDataDictionary tempData, string message) => tempData[ErrorKey] = message;
}
