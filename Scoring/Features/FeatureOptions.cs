namespace FraudStream.Scoring.Features;

/// <summary>How streaming features are kept. Bound from the <c>Features</c> section.</summary>
public sealed class FeatureOptions
{
    public const string Section = "Features";

    /// <summary>The carrier's local time zone as an offset from UTC in hours (China: 8), for "night".</summary>
    public double HomeUtcOffsetHours { get; set; } = 8;

    /// <summary>Local hours [start, end) that count as night.</summary>
    public int NightStartHour { get; set; }

    public int NightEndHour { get; set; } = 6;

    /// <summary>A number with no event for this long (event time) is forgotten.</summary>
    public TimeSpan IdleEviction { get; set; } = TimeSpan.FromHours(3);

    /// <summary>Events older than this behind a number's newest one still count (decayed); older ones are ignored as late.</summary>
    public TimeSpan Lateness { get; set; } = TimeSpan.FromHours(1);

    /// <summary>An answered call shorter than this is a short call.</summary>
    public double ShortCallSec { get; set; } = 10;

    /// <summary>Size of each side's pair table as a power of two (22 = 4M pairs, 32 MB).</summary>
    public int PairTableBits { get; set; } = 22;

    /// <summary>Returns a one-line description of what is wrong, or null when the options are usable.</summary>
    public string? Validate()
    {
        if (HomeUtcOffsetHours is < -12 or > 14)
            return $"Features:HomeUtcOffsetHours is {HomeUtcOffsetHours}, expected -12 to 14";
        if (NightStartHour is < 0 or > 23 || NightEndHour is < 0 or > 24)
            return "Features:NightStartHour/NightEndHour must be hours 0-24";
        if (IdleEviction < TimeSpan.FromMinutes(65) || IdleEviction > TimeSpan.FromDays(7))
            return $"Features:IdleEviction is {IdleEviction}, expected over 1 hour (the longest window) and at most 7 days";
        if (Lateness < TimeSpan.Zero || Lateness > TimeSpan.FromHours(6))
            return $"Features:Lateness is {Lateness}, expected 0 to 6 hours";
        if (PairTableBits is < 10 or > 30)
            return $"Features:PairTableBits is {PairTableBits}, expected 10 to 30";
        return null;
    }
}
