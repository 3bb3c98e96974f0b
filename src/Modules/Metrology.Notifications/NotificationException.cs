namespace Metrology.Notifications;

/// <summary>
/// A message cannot be queued: a bad mobile number or address, a number over its rate limit, a template
/// that does not compile. The message is in Chinese and meant for the person or the workflow log.
/// </summary>
public sealed class NotificationException(string message, Exception? inner = null) : Exception(message, inner);
