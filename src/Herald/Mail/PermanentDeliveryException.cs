namespace Herald.Mail;

/// <summary>The provider refused the email for good (bad request, bad key): retrying will not help.</summary>
public sealed class PermanentDeliveryException(string message) : Exception(message);
