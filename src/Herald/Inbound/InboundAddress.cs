namespace Herald.Inbound;

/// <summary>One recipient address of an inbound mail, read: the kind, the newsletter it names, the unsubscribe token it carries.</summary>
public sealed record InboundAddress(InboundAddressKind Kind, string? NewsletterId = null, string? Token = null);
