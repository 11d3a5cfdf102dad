namespace Herald.Inbound;

/// <summary>What an address at the parse domain asks for.</summary>
public enum InboundAddressKind
{
    /// <summary>Not at the parse domain, or no address Herald knows.</summary>
    Unknown,

    /// <summary>"{newsletter}+subscribe@": start the double opt-in.</summary>
    Subscribe,

    /// <summary>"{newsletter}@" (or "{newsletter}+help@"): the subject or first line says what.</summary>
    Newsletter,

    /// <summary>"unsubscribe+TOKEN@": the signed, per-recipient address of a digest's List-Unsubscribe.</summary>
    Unsubscribe,
}
