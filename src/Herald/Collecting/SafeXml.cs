using System.Xml;
using System.Xml.Linq;

namespace Herald.Collecting;

/// <summary>
/// The one way XML from outside is read: DTDs prohibited (so no entity declarations, no expansion bombs, no
/// external entities), no resolver, comments dropped. Content is sniffed after whatever a hostile or sloppy server
/// puts first (a BOM, whitespace, control characters, no-break and ideographic spaces), so no leading byte gets a
/// document past this reader to a more trusting one.
/// </summary>
public static class SafeXml
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 0,
        MaxCharactersInDocument = 64L * 1024 * 1024,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    /// <summary>The content from its first character that is not a BOM, white space or a control character.</summary>
    public static string TrimLeading(string content)
    {
        var start = 0;
        while (start < content.Length && (char.IsWhiteSpace(content[start]) || char.IsControl(content[start]) || content[start] is '\uFEFF' or '\uFFFE' or '\u200B'))
        {
            start++;
        }

        return start == 0 ? content : content[start..];
    }

    /// <summary>The document, or an <see cref="XmlException"/>; a DTD anywhere is one (its message names the DTD).</summary>
    public static XDocument Load(string content)
    {
        using var text = new StringReader(content);
        using var reader = XmlReader.Create(text, Settings);
        return XDocument.Load(reader, LoadOptions.None);
    }
}
