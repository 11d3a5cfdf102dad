using Herald.Links;
using Herald.Site.Handlers;

namespace Herald.Site;

/// <summary>
/// Every HTTP endpoint: its function's name, route, methods and handler. "herald serve" maps these; a test checks the
/// Functions app declares exactly these functions with these routes and methods, so the two hosts cannot drift.
/// HEAD goes wherever GET does (a link checker's or a proxy's probe): the handler answers it as the GET, and the
/// server sends the headers without the body.
/// </summary>
public static class SiteEndpoints
{
    public static IReadOnlyList<SiteEndpoint> All { get; } =
    [
        new("SubscribePage", Routes.SubscribePage, ["GET", "HEAD"], typeof(SubscribePageHandler)),
        new("Subscribe", Routes.Subscribe, ["POST"], typeof(SubscribeHandler)),
        new("Confirm", Routes.Confirm, ["GET", "HEAD", "POST"], typeof(ConfirmHandler)),
        new("Unsubscribe", Routes.Unsubscribe, ["GET", "HEAD", "POST"], typeof(UnsubscribeHandler)),
        new("Preferences", Routes.Preferences, ["GET", "HEAD", "POST"], typeof(PreferencesHandler)),
        new("ExportData", Routes.ExportData, ["GET", "HEAD"], typeof(ExportDataHandler)),
        new("EraseData", Routes.EraseData, ["GET", "HEAD", "POST"], typeof(EraseDataHandler)),
        new("Archive", Routes.Archive, ["GET", "HEAD"], typeof(ArchiveHandler)),
        new("ArchiveIndex", Routes.ArchiveIndex, ["GET", "HEAD"], typeof(ArchiveIndexHandler)),
        new("ArchiveFeed", Routes.ArchiveFeed, ["GET", "HEAD"], typeof(ArchiveFeedHandler)),
        new("SendGridEvents", Routes.SendGridEvents, ["POST"], typeof(SendGridEventsHandler)),
        new("InboundEmail", Routes.InboundEmail, ["POST"], typeof(InboundEmailHandler)),
    ];
}
