using System.Text.Json;

namespace Herald.Bench.Summarization;

public static class BenchmarkSet
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static List<BenchmarkArticle> Load(string path)
    {
        var articles = new List<BenchmarkArticle>();
        var line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            var article = JsonSerializer.Deserialize<BenchmarkArticle>(text, Json);
            if (article is null || string.IsNullOrEmpty(article.Article) || article.Summary is null || article.Summary.Count == 0)
            {
                throw new InvalidDataException($"{path}:{line}: expected {{\"id\", \"article\", \"summary\": [sentences]}}.");
            }

            articles.Add(article with { Id = article.Id ?? line.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

        return articles;
    }
}
