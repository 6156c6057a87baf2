using FraudStream.Simulator.Population;
using FraudStream.Simulator.Randomness;
using FraudStream.Simulator.Records;
using FraudStream.Simulator.Time;
using FraudStream.Simulator.Truth;

namespace FraudStream.Simulator;

/// <summary>
/// Everything the sources share: the clock, the one random stream, the numbering plan, the population and
/// its legitimate special groups, the ground truth, and the simulated span the run is expected to cover.
/// </summary>
internal sealed class World
{
    private const double FamilyAbroadShare = 0.03;
    private const int SubscribersPerCell = 250;
    private const uint FirstCell = 100_000;

    // Subscribers a fraud actor already uses, so two actors never share a victim or a hijacked SIM.
    private readonly HashSet<int> _involved = [];

    public World(SimulationOptions options)
    {
        Rng = new Rng(options.Seed);
        Clock = new SimClock(options.Start);
        Plan = new NumberPlan(options.HomeCountry);
        Cells = Math.Max(20, options.Population / SubscribersPerCell);
        Subscribers = BuildSubscribers(options.Population);
        Businesses = new Businesses(Plan, Math.Clamp(options.Population / 330, 20, 600), Rng);
        Families = new FamiliesAbroad(Plan, Subscribers, FamilyAbroadShare, Rng);
        Drivers = new SubscriberGroup(Subscribers, Math.Clamp(options.Population / 330, 3, 600), Families.MemberSet, Rng);
        ServiceSenders = new ulong[Math.Clamp(options.Population / 2000, 10, 200)];
        for (var i = 0; i < ServiceSenders.Length; i++)
            ServiceSenders[i] = Plan.NewServiceSender(Rng);

        // Drawn last and only when asked for: the standard world's random stream stays as it was.
        Variation = options.Variation;
        var heavy = (int)Math.Round(Variation.HeavyCallerShare * options.Population);
        var centres = (int)Math.Round(Variation.CallCentresPer100k * options.Population / 100_000);
        var taken = new HashSet<int>(Drivers.MemberSet);
        taken.UnionWith(Families.MemberSet);
        HeavyCallers = heavy > 0 ? new SubscriberGroup(Subscribers, heavy, taken, Rng) : null;
        if (HeavyCallers is not null)
            taken.UnionWith(HeavyCallers.MemberSet);
        CallCentres = centres > 0 ? new SubscriberGroup(Subscribers, centres, taken, Rng) : null;
    }

    public TrafficVariation Variation { get; }

    /// <summary>Heavy but ordinary callers (<see cref="TrafficVariation.HeavyCallerShare"/>), none in the standard world.</summary>
    public SubscriberGroup? HeavyCallers { get; }

    /// <summary>Outbound call centres on mobile lines (<see cref="TrafficVariation.CallCentresPer100k"/>), none in the standard world.</summary>
    public SubscriberGroup? CallCentres { get; }

    public Rng Rng { get; }

    public SimClock Clock { get; }

    public NumberPlan Plan { get; }

    public int Cells { get; }

    public Subscribers Subscribers { get; }

    public Businesses Businesses { get; }

    public FamiliesAbroad Families { get; }

    public SubscriberGroup Drivers { get; }

    /// <summary>Banks', couriers' and apps' SMS senders.</summary>
    public ulong[] ServiceSenders { get; }

    public GroundTruth Truth { get; } = new();

    /// <summary>The simulated span the run is expected to cover; one-off fraud episodes are placed inside it.</summary>
    public long HorizonMs { get; set; } = SimClock.MsPerDay;

    /// <summary>Sets the calling subscriber's handset and serving cell: mostly the home cell, sometimes one nearby.</summary>
    public void StampDevice(ref CallRecord r, int subscriber)
    {
        r.Imei = Subscribers.Imeis[subscriber];
        var home = Subscribers.HomeCells[subscriber];
        r.CellId = Rng.Chance(0.75) ? home : NearbyCell(home);
    }

    /// <summary>A cell within a few cells of <paramref name="home"/>.</summary>
    public uint NearbyCell(uint home)
    {
        var offset = Rng.Between(-5, 5);
        var index = Math.Clamp((int)(home - FirstCell) + offset, 0, Cells - 1);
        return FirstCell + (uint)index;
    }

    public uint AnyCell() => FirstCell + (uint)Rng.Next(Cells);

    /// <summary>
    /// A subscriber for a fraud actor to use (as victim or hijacked SIM): not a courier, not someone with family
    /// abroad (they are the look-alikes and must stay clean), and not used by another actor.
    /// </summary>
    public int Recruit()
    {
        // When actors outnumber the population (a small run with many actors), victims start to be shared.
        for (var attempt = 0; ; attempt++)
        {
            var s = Subscribers.PickAny(Rng);
            if (!Drivers.MemberSet.Contains(s) && !Families.MemberSet.Contains(s) && HeavyCallers?.MemberSet.Contains(s) != true
                && CallCentres?.MemberSet.Contains(s) != true && (_involved.Add(s) || attempt > 1000))
                return s;
        }
    }

    /// <summary>
    /// A random moment in [<paramref name="from"/>, <paramref name="to"/>) whose local hour lies in
    /// [<paramref name="firstHour"/>, <paramref name="endHour"/>); when the span has no such hour, any moment of it.
    /// </summary>
    public long MomentBetween(long from, long to, int firstHour, int endHour)
    {
        var t = from;
        for (var attempt = 0; attempt < 64; attempt++)
        {
            t = from + (long)(Rng.NextDouble() * Math.Max(1, to - from));
            var hour = Clock.HourOf(t);
            if (hour >= firstHour && hour < endHour)
                return t;
        }

        return t;
    }

    private Subscribers BuildSubscribers(int count)
    {
        var numbers = new ulong[count];
        var imeis = new ulong[count];
        var cells = new uint[count];
        var activity = new double[count];
        for (var i = 0; i < count; i++)
        {
            numbers[i] = Plan.NewMobile(Rng);
            imeis[i] = Imei.Handset(Rng);
            cells[i] = AnyCell();
            // Phone use is heavy-tailed: a few subscribers make many times the median number of calls.
            activity[i] = Rng.LogNormal(1.0, 0.8);
        }

        var (start, contacts) = ContactGraph.Build(count, Rng);
        return new Subscribers(numbers, imeis, cells, activity, start, contacts);
    }
}
