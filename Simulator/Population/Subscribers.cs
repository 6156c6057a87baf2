using FraudStream.Simulator.Randomness;

namespace FraudStream.Simulator.Population;

/// <summary>
/// The home network's subscribers as parallel arrays indexed 0..Count-1 (cache-friendly, no per-subscriber
/// objects): number, handset, home cell, how active they are, and whom they call.
/// </summary>
internal sealed class Subscribers
{
    private readonly int[] _contactStart;
    private readonly int[] _contacts;
    private readonly AliasTable _activity;

    public Subscribers(ulong[] numbers, ulong[] imeis, uint[] homeCells, double[] activity, int[] contactStart, int[] contacts)
    {
        Numbers = numbers;
        Imeis = imeis;
        HomeCells = homeCells;
        _activity = new AliasTable(activity);
        _contactStart = contactStart;
        _contacts = contacts;
    }

    public int Count => Numbers.Length;

    public ulong[] Numbers { get; }

    public ulong[] Imeis { get; }

    public uint[] HomeCells { get; }

    /// <summary>A subscriber picked in proportion to how much they use the phone (heavy-tailed).</summary>
    public int PickActive(Rng rng) => _activity.Sample(rng);

    /// <summary>Any subscriber, uniformly.</summary>
    public int PickAny(Rng rng) => rng.Next(Numbers.Length);

    public ReadOnlySpan<int> ContactsOf(int subscriber)
        => _contacts.AsSpan(_contactStart[subscriber], _contactStart[subscriber + 1] - _contactStart[subscriber]);

    /// <summary>
    /// One of the subscriber's contacts, the first ones (family, close friends) far more often than the last:
    /// the index is n·u², so the top quarter of the list gets half of the calls.
    /// </summary>
    public int PickContact(int subscriber, Rng rng)
    {
        var start = _contactStart[subscriber];
        var n = _contactStart[subscriber + 1] - start;
        var u = rng.NextDouble();
        return _contacts[start + (int)(n * u * u)];
    }

    /// <summary>Whether <paramref name="other"/> is in <paramref name="subscriber"/>'s contact list.</summary>
    public bool IsContact(int subscriber, int other) => ContactsOf(subscriber).Contains(other);
}
