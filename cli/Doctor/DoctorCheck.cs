namespace Herald.Cli.Doctor;

/// <summary>One line of "herald doctor": what was checked, whether it is ready (null: not checked), and what it found or what to do.</summary>
public sealed record DoctorCheck(string Name, bool? Ok, string Detail)
{
    public string Mark => Ok switch { true => "✓", false => "✗", null => "–" };
}
