namespace Herald.Text;

/// <summary>Word counts as Herald's budgets use them: runs of characters between spaces.</summary>
public static class Words
{
    public static int Count(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
}
