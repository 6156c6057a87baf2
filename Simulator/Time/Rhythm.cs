namespace FraudStream.Simulator.Time;

/// <summary>
/// How activity spreads over the local day: 24 hourly weights normalised to a mean of 1, so a source's
/// daily volume stays what it was configured to be whatever its shape.
/// </summary>
internal sealed class Rhythm
{
    private readonly double[] _weights;

    private Rhythm(ReadOnlySpan<double> hourly)
    {
        if (hourly.Length != 24)
            throw new ArgumentException("A rhythm needs 24 hourly weights.", nameof(hourly));
        var sum = 0.0;
        foreach (var w in hourly)
            sum += w;
        _weights = new double[24];
        for (var h = 0; h < 24; h++)
            _weights[h] = hourly[h] * 24 / sum;
    }

    /// <summary>People calling people: quiet nights, a late-morning and an evening peak.</summary>
    public static Rhythm Residential { get; } = new([
        0.25, 0.12, 0.07, 0.05, 0.05, 0.10, 0.30, 0.70, 1.10, 1.40, 1.60, 1.70,
        1.40, 1.30, 1.40, 1.40, 1.40, 1.50, 1.60, 1.70, 1.70, 1.50, 1.00, 0.55]);

    /// <summary>Offices, shops and hotlines: 08-20 with a lunch dip, nearly nothing at night.</summary>
    public static Rhythm Business { get; } = new([
        0.01, 0.01, 0.01, 0.01, 0.01, 0.02, 0.05, 0.30, 1.20, 1.80, 1.90, 1.80,
        1.20, 1.50, 1.80, 1.80, 1.70, 1.40, 0.90, 0.50, 0.30, 0.15, 0.05, 0.02]);

    /// <summary>Couriers on their rounds: 08-21 only.</summary>
    public static Rhythm Delivery { get; } = new([
        0, 0, 0, 0, 0, 0, 0, 0.20, 1.20, 1.60, 1.70, 1.60,
        1.40, 1.50, 1.60, 1.60, 1.50, 1.40, 1.30, 1.10, 0.60, 0.20, 0, 0]);

    /// <summary>Family across time zones: evenings and early mornings local time.</summary>
    public static Rhythm Family { get; } = new([
        0.30, 0.15, 0.05, 0.05, 0.05, 0.20, 0.60, 1.00, 1.10, 0.90, 0.80, 0.80,
        0.90, 0.80, 0.80, 0.80, 0.90, 1.10, 1.50, 2.00, 2.40, 2.20, 1.50, 0.80]);

    /// <summary>Compromised SIMs pumping premium minutes: mostly while the owner sleeps.</summary>
    public static Rhythm Night { get; } = new([
        2.40, 2.60, 2.60, 2.40, 2.00, 1.40, 0.60, 0.30, 0.20, 0.20, 0.20, 0.20,
        0.20, 0.20, 0.20, 0.20, 0.20, 0.20, 0.30, 0.40, 0.60, 0.90, 1.40, 2.00]);

    /// <summary>Machines that never sleep (SIM boxes), with a shallow dip before dawn.</summary>
    public static Rhythm RoundTheClock { get; } = new([
        0.80, 0.70, 0.60, 0.60, 0.60, 0.70, 0.90, 1.00, 1.10, 1.20, 1.20, 1.20,
        1.10, 1.10, 1.20, 1.20, 1.20, 1.10, 1.10, 1.10, 1.10, 1.00, 1.00, 0.90]);

    /// <summary>Weight of local hour <paramref name="hour"/>; 1 is the daily mean.</summary>
    public double At(int hour) => _weights[hour];
}
