using Herald.Site;
using Microsoft.AspNetCore.Mvc;

namespace Herald.Functions.Http;

internal static class PageResults
{
    public static ContentResult ToActionResult(this PageResult page) =>
        new() { StatusCode = page.StatusCode, Content = page.Html, ContentType = "text/html; charset=utf-8" };
}
