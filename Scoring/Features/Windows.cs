namespace FraudStream.Scoring.Features;

/// <summary>
/// The three windows as exponential decay time constants, with the decay factors for whole seconds
/// precomputed (a table lookup instead of three <c>exp</c> calls per event).
/// </summary>
internal static class Windows
{
    public const float OneMinute = 60;
    public const float FifteenMinutes = 900;
    public const float OneHour = 3600;

    /// <summary>Beyond this many seconds every window has decayed below 1e-3 of its value: treat as zero.</summary>
    public const int Horizon = 6 * 3600 * 4; // 24 h

    private static readonly float[] s_minute = Table(OneMinute);
    private static readonly float[] s_quarter = Table(FifteenMinutes);
    private static readonly float[] s_hour = Table(OneHour);

    public static float Minute(uint seconds) => seconds < (uint)s_minute.Length ? s_minute[seconds] : 0f;

    public static float Quarter(uint seconds) => seconds < (uint)s_quarter.Length ? s_quarter[seconds] : 0f;

    public static float Hour(uint seconds) => seconds < (uint)s_hour.Length ? s_hour[seconds] : 0f;

    private static float[] Table(float tau)
    {
        // Only as long as the factor is distinguishable from zero in float arithmetic on counts.
        var length = (int)Math.Min(Horizon, Math.Ceiling(tau * 20));
        var table = new float[length];
        for (var i = 0; i < length; i++)
            table[i] = MathF.Exp(-i / tau);
        return table;
    }
}
