namespace Herald.Local;

/// <summary>The development storage ports are held by something that is not a complete Azurite.</summary>
public sealed class PortsInUseException(string message) : Exception(message);
