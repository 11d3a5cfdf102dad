namespace Herald.Mail;

/// <summary>
/// The Unicode Script property (UAX #24) of a code point, for the scripts a domain label is written in. .NET exposes
/// no Script property (System.Text.Unicode.UnicodeRanges are blocks, and a block is not a script: U+3005 is Han in
/// the CJK Symbols block), and no maintained NuGet package carries one, so this is a compact table taken from
/// Scripts.txt (Unicode 15.1) for the scripts UTS #39's restriction levels name — Latin, Greek, Cyrillic, Han,
/// Hiragana, Katakana, Bopomofo, Hangul — and the other major scripts of domain names. A letter outside the table
/// is keyed by its 128-code-point block: two such blocks in one label count as two scripts, which errs on refusing.
/// </summary>
public static class ScriptRanges
{
    public const string Common = "Common";

    // (first, last, script), ordered by first; gaps are looked up by the rules in Of.
    private static readonly (int First, int Last, string Script)[] Table =
    [
        (0x0041, 0x005A, "Latin"), (0x0061, 0x007A, "Latin"), (0x00AA, 0x00AA, "Latin"), (0x00BA, 0x00BA, "Latin"),
        (0x00C0, 0x00D6, "Latin"), (0x00D8, 0x00F6, "Latin"), (0x00F8, 0x02AF, "Latin"), (0x02B0, 0x02B8, "Latin"),
        (0x0300, 0x036F, "Inherited"),
        (0x0370, 0x0373, "Greek"), (0x0375, 0x03FF, "Greek"),
        (0x0400, 0x0484, "Cyrillic"), (0x0485, 0x0486, "Inherited"), (0x0487, 0x052F, "Cyrillic"),
        (0x0530, 0x058F, "Armenian"), (0x0591, 0x05FF, "Hebrew"),
        (0x0600, 0x064A, "Arabic"), (0x064B, 0x0655, "Inherited"), (0x0656, 0x06FF, "Arabic"), (0x0750, 0x077F, "Arabic"), (0x08A0, 0x08FF, "Arabic"),
        (0x0900, 0x097F, "Devanagari"), (0x0980, 0x09FF, "Bengali"), (0x0A00, 0x0A7F, "Gurmukhi"), (0x0A80, 0x0AFF, "Gujarati"),
        (0x0B00, 0x0B7F, "Oriya"), (0x0B80, 0x0BFF, "Tamil"), (0x0C00, 0x0C7F, "Telugu"), (0x0C80, 0x0CFF, "Kannada"),
        (0x0D00, 0x0D7F, "Malayalam"), (0x0D80, 0x0DFF, "Sinhala"), (0x0E00, 0x0E7F, "Thai"), (0x0E80, 0x0EFF, "Lao"),
        (0x0F00, 0x0FFF, "Tibetan"), (0x1000, 0x109F, "Myanmar"), (0x10A0, 0x10FF, "Georgian"),
        (0x1100, 0x11FF, "Hangul"), (0x1200, 0x139F, "Ethiopic"), (0x1780, 0x17FF, "Khmer"),
        (0x1AB0, 0x1AFF, "Inherited"), (0x1C80, 0x1C8F, "Cyrillic"), (0x1C90, 0x1CBF, "Georgian"), (0x1D00, 0x1D25, "Latin"),
        (0x1D26, 0x1D2A, "Greek"), (0x1D2B, 0x1D2B, "Cyrillic"), (0x1D2C, 0x1D7F, "Latin"), (0x1DC0, 0x1DFF, "Inherited"),
        (0x1E00, 0x1EFF, "Latin"), (0x1F00, 0x1FFF, "Greek"),
        (0x200C, 0x200D, "Inherited"), (0x2071, 0x2071, "Latin"), (0x207F, 0x207F, "Latin"), (0x2090, 0x209C, "Latin"), (0x20D0, 0x20FF, "Inherited"),
        (0x2C60, 0x2C7F, "Latin"), (0x2D00, 0x2D2F, "Georgian"), (0x2DE0, 0x2DFF, "Cyrillic"),
        (0x2E80, 0x2FDF, "Han"), (0x3005, 0x3005, "Han"), (0x3007, 0x3007, "Han"), (0x3021, 0x3029, "Han"), (0x302A, 0x302D, "Inherited"),
        (0x3038, 0x303B, "Han"), (0x3041, 0x3096, "Hiragana"), (0x3099, 0x309A, "Inherited"), (0x309D, 0x309F, "Hiragana"),
        (0x30A1, 0x30FA, "Katakana"), (0x30FD, 0x30FF, "Katakana"), (0x3105, 0x312F, "Bopomofo"), (0x3131, 0x318E, "Hangul"),
        (0x31A0, 0x31BF, "Bopomofo"), (0x31F0, 0x31FF, "Katakana"), (0x3400, 0x4DBF, "Han"), (0x4E00, 0x9FFF, "Han"),
        (0xA640, 0xA69F, "Cyrillic"), (0xA720, 0xA721, Common), (0xA722, 0xA7FF, "Latin"), (0xA960, 0xA97F, "Hangul"),
        (0xAB30, 0xAB5A, "Latin"), (0xAB5C, 0xAB64, "Latin"), (0xAB65, 0xAB65, "Greek"), (0xAC00, 0xD7FF, "Hangul"),
        (0xF900, 0xFAFF, "Han"), (0xFB00, 0xFB06, "Latin"), (0xFB1D, 0xFB4F, "Hebrew"), (0xFB50, 0xFDFF, "Arabic"),
        (0xFE00, 0xFE0F, "Inherited"), (0xFE20, 0xFE2F, "Inherited"), (0xFE70, 0xFEFF, "Arabic"), (0xFF21, 0xFF3A, "Latin"),
        (0xFF41, 0xFF5A, "Latin"), (0xFF66, 0xFF6F, "Katakana"), (0xFF71, 0xFF9D, "Katakana"), (0xFFA0, 0xFFDC, "Hangul"),
        (0x1B000, 0x1B000, "Katakana"), (0x1B001, 0x1B11F, "Hiragana"), (0x20000, 0x3FFFF, "Han"), (0xE0100, 0xE01EF, "Inherited"),
    ];

    /// <summary>The code point's script; "Common" and "Inherited" for what any script uses (digits, hyphen, combining marks).</summary>
    public static string Of(System.Text.Rune rune)
    {
        var value = rune.Value;
        int low = 0, high = Table.Length - 1;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            if (value < Table[middle].First)
            {
                high = middle - 1;
            }
            else if (value > Table[middle].Last)
            {
                low = middle + 1;
            }
            else
            {
                return Table[middle].Script;
            }
        }

        // Not in the table: digits, punctuation and symbols are Common in every script; any other letter or mark is
        // told apart by its block, the nearest thing to a script .NET knows.
        return System.Text.Rune.IsLetter(rune) || System.Text.Rune.GetUnicodeCategory(rune) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark
            ? $"U+{value >> 7 << 7:X4}"
            : Common;
    }
}
