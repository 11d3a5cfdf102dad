using System.Net.Sockets;
using System.Text.Json;
using Azure;
using Herald.Collecting.Fetching;
using Herald.Local;

namespace Herald.Cli.Commands;

/// <summary>
/// What the command line says when something it expects can go wrong does: one or two lines naming the cause and
/// the fix, and a documented exit code (README, "Exit codes"). A stack trace only with -v; anything unexpected is
/// said to be unexpected, in one line, with the hint to run again with -v.
/// </summary>
public static class CliFailures
{
    public const int Succeeded = 0;

    /// <summary>The work ran and some of it failed: sources, summaries, parked batches, refused rows.</summary>
    public const int PartlyFailed = 1;

    /// <summary>The configuration file or a setting is wrong (the message names it).</summary>
    public const int ConfigurationError = 2;

    /// <summary>Storage cannot be reached or started: ports in use, a connection string that answers nothing.</summary>
    public const int StorageUnavailable = 3;

    /// <summary>A page or feed could not be fetched, or was refused by the network guard.</summary>
    public const int FetchFailed = 5;

    /// <summary>Something Herald did not expect: a bug to report, with the -v output.</summary>
    public const int Unexpected = 70;

    /// <summary>The exit code and the lines to print for <paramref name="exception"/>.</summary>
    public static (int ExitCode, string Message) Explain(Exception exception, string? configFile = null)
    {
        var failure = Unwrap(exception);
        switch (failure)
        {
            case PortsInUseException ports:
                return (StorageUnavailable, $"Storage: {ports.Message}\n  Stop what holds them ('ss -ltnp' shows it), or set HeraldStorage to a storage connection string.");
            case InvalidDataException when FindInner<JsonException>(exception) is { } json:
                return (ConfigurationError, $"Configuration error: {configFile ?? "the configuration file"}, line {(json.LineNumber ?? 0) + 1}, column {(json.BytePositionInLine ?? 0) + 1}: {FirstSentence(json.Message)}\n  Fix the JSON there (a missing comma, quote or bracket is the usual cause).");
            case RequestFailedException { Status: 401 or 403 } denied:
                return (StorageUnavailable, $"Storage refused Herald's credentials ({denied.Status} {denied.ErrorCode}).\n  Check HeraldStorage: the account key, or the identity's role on the account.");
            case RequestFailedException or HttpRequestException or SocketException when IsUnreachable(failure):
                return (StorageUnavailable, $"Storage does not answer: {FirstSentence(failure.Message)}\n  Start Azurite (or let 'herald' start it: leave HeraldStorage unset), or check the endpoints in HeraldStorage.");
            case FetchFailedException fetch:
                return (FetchFailed, $"Could not fetch: {fetch.Message}");
            default:
                return (Unexpected, $"Herald stopped on something it did not expect: {failure.GetType().Name}: {FirstSentence(failure.Message)}\n  Run again with -v to see where, and report it with that output.");
        }
    }

    /// <summary>True when loading the configuration failed on its JSON (the exception carries the line and column).</summary>
    public static bool IsJsonSyntaxError(Exception exception) => FindInner<JsonException>(exception) is not null;

    private static Exception Unwrap(Exception exception)
    {
        // The storage SDK gives up with one inner exception per attempt; the last says what the last attempt met.
        while (exception is AggregateException { InnerExceptions.Count: > 0 } aggregate)
        {
            exception = aggregate.InnerExceptions[^1];
        }

        return exception;
    }

    private static T? FindInner<T>(Exception exception) where T : Exception
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>True when the failure is the other end not answering (refused connection, no route, timeout), not an answer.</summary>
    private static bool IsUnreachable(Exception exception) =>
        exception is SocketException || FindInner<SocketException>(exception) is not null || FindInner<HttpRequestException>(exception) is not null
        || exception is RequestFailedException { Status: 0 };

    private static string FirstSentence(string message)
    {
        var line = message.Split('\n')[0].Trim();
        return line.Length <= 300 ? line : line[..300] + "...";
    }
}
