namespace Herald.Mail;

/// <summary>The provider could not take the email now (throttled, unavailable): the queue retries later.</summary>
public sealed class TransientDeliveryException(string message) : Exception(message);
