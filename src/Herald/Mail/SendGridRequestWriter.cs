using System.Buffers;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using Herald.Templates;

namespace Herald.Mail;

/// <summary>
/// Writes a v3 mail/send request body for a mailing: the bodies once, one personalization per recipient with their
/// substitutions and headers. Written with <see cref="Utf8JsonWriter"/> rather than the SDK's object model because a
/// million recipients make a gigabyte of JSON; the contract tests check every body against SendGrid's own spec.
/// </summary>
public static class SendGridRequestWriter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    // A request repeats these a thousand times: encoded once.
    private static readonly JsonEncodedText To = JsonEncodedText.Encode("to");
    private static readonly JsonEncodedText Email = JsonEncodedText.Encode("email");
    private static readonly JsonEncodedText NameProperty = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText Substitutions = JsonEncodedText.Encode("substitutions");
    private static readonly JsonEncodedText Headers = JsonEncodedText.Encode("headers");
    private static readonly JsonEncodedText CustomArgs = JsonEncodedText.Encode("custom_args");

    /// <summary>The bodies with each slot marker replaced by a substitution tag, and the tags, made once per mailing.</summary>
    public sealed class TaggedContent
    {
        public TaggedContent(MailContent content)
        {
            // A random tag per mailing: no article text can contain it by chance, and nobody can know it in advance.
            var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
            var used = PersonalSlots.UsedIn(content.Html).Union(PersonalSlots.UsedIn(content.Text)).ToList();
            TextTags = used.ToDictionary(slot => slot, slot => $"%h{nonce}t{(int)slot}%");
            // Every slot has its own HTML tag: a name and a link alike may hold a character HTML escapes (an unsubscribe
            // link's "&edition="), and SendGrid puts a substitution in as it is given.
            HtmlTags = used.ToDictionary(slot => slot, slot => $"%h{nonce}h{(int)slot}%");
            Text = PersonalSlots.Tag(content.Text, slot => TextTags.GetValueOrDefault(slot, ""));
            Html = PersonalSlots.Tag(content.Html, slot => HtmlTags.GetValueOrDefault(slot, ""));
            Slots = [.. used.Select(slot => (slot, JsonEncodedText.Encode(TextTags[slot]), HtmlTags[slot] == TextTags[slot] ? (JsonEncodedText?)null : JsonEncodedText.Encode(HtmlTags[slot])))];
            CustomArgs = content.Tags.Count == 0 ? null : JsonSerializer.SerializeToUtf8Bytes(content.Tags);
        }

        public string Text { get; }
        public string Html { get; }

        /// <summary>Tag of each slot in the text body.</summary>
        public IReadOnlyDictionary<PersonalSlot, string> TextTags { get; }

        /// <summary>Tag of each slot in the HTML body, whose value is the HTML-escaped one.</summary>
        public IReadOnlyDictionary<PersonalSlot, string> HtmlTags { get; }

        /// <summary>Each used slot with its tags, encoded for the writer.</summary>
        internal (PersonalSlot Slot, JsonEncodedText Text, JsonEncodedText? Html)[] Slots { get; }

        /// <summary>The custom arguments every personalization carries, serialized once.</summary>
        internal byte[]? CustomArgs { get; }
    }

    public static void Write(IBufferWriter<byte> output, MailRequest request, TaggedContent tagged, bool sandbox)
    {
        using var json = new Utf8JsonWriter(output, Options);
        var content = request.Content;
        json.WriteStartObject();
        json.WriteStartArray("personalizations");
        foreach (var recipient in request.Recipients)
        {
            WritePersonalization(json, recipient, tagged);
        }

        json.WriteEndArray();
        json.WriteStartObject("from");
        json.WriteString("email", content.FromAddress);
        if (content.FromName.Length > 0)
        {
            json.WriteString("name", content.FromName);
        }

        json.WriteEndObject();
        json.WriteString("subject", content.Subject);
        json.WriteStartArray("content");
        WriteContent(json, "text/plain", tagged.Text);
        WriteContent(json, "text/html", tagged.Html);
        json.WriteEndArray();
        if (content.Headers.Count > 0)
        {
            WriteMap(json, "headers", content.Headers);
        }

        json.WriteStartArray("categories");
        json.WriteStringValue(content.Category);
        json.WriteEndArray();
        if (sandbox)
        {
            json.WriteStartObject("mail_settings");
            json.WriteStartObject("sandbox_mode");
            json.WriteBoolean("enable", true);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.Flush();
    }

    private static void WritePersonalization(Utf8JsonWriter json, MailRecipient recipient, TaggedContent tagged)
    {
        json.WriteStartObject();
        json.WriteStartArray(To);
        json.WriteStartObject();
        json.WriteString(Email, recipient.Email);
        if (!string.IsNullOrEmpty(recipient.Name))
        {
            json.WriteString(NameProperty, recipient.Name);
        }

        json.WriteEndObject();
        json.WriteEndArray();
        if (tagged.Slots.Length > 0)
        {
            json.WriteStartObject(Substitutions);
            foreach (var (slot, text, html) in tagged.Slots)
            {
                json.WriteString(text, recipient.Values[slot]);
                if (html is { } htmlTag)
                {
                    json.WriteString(htmlTag, PersonalSlots.HtmlEscape(recipient.Values[slot]));
                }
            }

            json.WriteEndObject();
        }

        if (recipient.Headers.Count > 0)
        {
            json.WriteStartObject(Headers);
            foreach (var (name, value) in recipient.Headers)
            {
                json.WriteString(name, value);
            }

            json.WriteEndObject();
        }

        // The message-level custom_args of SendGrid's spec is a string, not an object: the arguments ride on each personalization.
        if (tagged.CustomArgs is { } customArgs)
        {
            json.WritePropertyName(CustomArgs);
            json.WriteRawValue(customArgs, skipInputValidation: true);
        }

        json.WriteEndObject();
    }

    private static void WriteContent(Utf8JsonWriter json, string type, string value)
    {
        json.WriteStartObject();
        json.WriteString("type", type);
        json.WriteString("value", value);
        json.WriteEndObject();
    }

    private static void WriteMap(Utf8JsonWriter json, string name, IEnumerable<KeyValuePair<string, string>> values)
    {
        json.WriteStartObject(name);
        foreach (var (key, value) in values)
        {
            json.WriteString(key, value);
        }

        json.WriteEndObject();
    }
}
