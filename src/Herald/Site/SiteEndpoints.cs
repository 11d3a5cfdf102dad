using Herald.Links;
using Herald.Site.Handlers;

namespace Herald.Site;

/// <summary>
/// Every HTTP endpoint: its function's name, route, methods and handler. "herald serve" maps these; a test checks the
/// Functions app declares exactly these functions with these routes and methods, so the two hosts cannot drift.
/// </summary>
public static class SiteEndpoints
{
    public static IReadOnlyList<SiteEndpoint> All { get; } =
    [
        new("SubscribePage", Routes.SubscribePage, ["GET"], typeof(SubscribePageHandler)),
        new("Subscribe", Routes.Subscribe, ["POST"], typeof(SubscribeHandler)),
        new("Confirm", Routes.Confirm, ["GET", "POST"], typeof(ConfirmHandler)),
        new("Unsubscribe", Routes.Unsubscribe, ["GET", "POST"], typeof(UnsubscribeHandler)),
        new("Preferences", Routes.Preferences, ["GET", "POST"], typeof(PreferencesHandler)),
        new("ExportData", Routes.ExportData, ["GET"], typeof(ExportDataHandler)),
        new("EraseData", Routes.EraseData, ["GET", "POST"], typeof(EraseDataHandler)),
        new("Archive", Routes.Archive, ["GET"], typeof(ArchiveHandler)),
        new("ArchiveIndex", Routes.ArchiveIndex, ["GET"], typeof(ArchiveIndexHandler)),
        new("ArchiveFeed", Routes.ArchiveFeed, ["GET"], typeof(ArchiveFeedHandler)),
        new("SendGridEvents", Routes.SendGridEvents, ["POST"], typeof(SendGridEventsHandler)),
        new("InboundEmail", Routes.InboundEmail, ["POST"], typeof(InboundEmailHandler)),
    ];
}
