namespace Herald.Functions.Tests.Infrastructure;

/// <summary>One delivery of a queue message to the worker: which attempt it was, and how the invocation ended.</summary>
public sealed record QueueDelivery(string MessageId, long DequeueCount, string Body, Invocation Invocation, bool MovedToPoison);
