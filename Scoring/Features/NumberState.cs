using System.Runtime.InteropServices;

namespace FraudStream.Scoring.Features;

/// <summary>
/// Everything kept per tracked number and side: 96 bytes. All windowed values decay together from
/// <see cref="LastSecond"/>, so an update costs three table lookups and a few multiply-adds.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NumberState
{
    /// <summary>The E.164 number as an integer; 0 marks a free slot.</summary>
    public ulong Number;

    /// <summary>Event time (seconds since <see cref="FeatureExtractor.Epoch"/>) the windows are decayed to.</summary>
    public uint LastSecond;

    public uint LastImei;
    public uint LastCell;

    public float Calls1m;
    public float Calls15m;
    public float Calls1h;
    public float Sms1m;
    public float Sms15m;
    public float Sms1h;
    public float Unanswered1h;
    public float Short1h;
    public float Answered1h;
    public float New15m;
    public float New1h;
    public float International1h;
    public float Night1h;
    public float DurationSum1h;
    public float RingSum1h;
    public float ImeiChanges1h;
    public float CellChanges1h;
    public float FirstContacts15m;
    public float FirstContacts1h;

    /// <summary>Moves every window forward by <paramref name="seconds"/>.</summary>
    public void Decay(uint seconds)
    {
        if (seconds == 0)
            return;

        var minute = Windows.Minute(seconds);
        var quarter = Windows.Quarter(seconds);
        var hour = Windows.Hour(seconds);
        Calls1m *= minute;
        Sms1m *= minute;
        Calls15m *= quarter;
        Sms15m *= quarter;
        New15m *= quarter;
        FirstContacts15m *= quarter;
        Calls1h *= hour;
        Sms1h *= hour;
        Unanswered1h *= hour;
        Short1h *= hour;
        Answered1h *= hour;
        New1h *= hour;
        International1h *= hour;
        Night1h *= hour;
        DurationSum1h *= hour;
        RingSum1h *= hour;
        ImeiChanges1h *= hour;
        CellChanges1h *= hour;
        FirstContacts1h *= hour;
    }
}
