using System.Text;

namespace Herald.UnitTests.Docs;

/// <summary>
/// Splits one line of a shell example into the words the shell would pass to the program, as far as the documentation
/// uses shell: single and double quotes (holding no quote character), backslash escapes, a comment from an unquoted "#" at a word's start, and the
/// command's end at an unquoted "|", "&amp;", ";", "&lt;" or "&gt;" (what follows is another command or a redirection).
/// </summary>
public static class ShellWords
{
    public static IReadOnlyList<string> Split(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '\'' || c == '"')
            {
                var end = line.IndexOf(c, i + 1);
                if (end < 0)
                {
                    throw new FormatException($"unclosed {c} in: {line}");
                }

                word.Append(line[(i + 1)..end]); // the examples quote no quote character, so none is unescaped here
                inWord = true;
                i = end;
            }
            else if (c == '\\' && i + 1 < line.Length)
            {
                word.Append(line[++i]);
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                End();
            }
            else if ((c == '#' && !inWord) || c is '|' or '&' or ';' or '<' or '>')
            {
                if (c == '>' && inWord && word.ToString() is "1" or "2")
                {
                    word.Clear(); // "2>" is a redirection, not an argument
                    inWord = false;
                }

                break;
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }

        End();
        return words;

        void End()
        {
            if (inWord)
            {
                words.Add(word.ToString());
            }

            word.Clear();
            inWord = false;
        }
    }
}
