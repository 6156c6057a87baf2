using FraudStream.Simulator.Records;
using FraudStream.Simulator.Time;

namespace FraudStream.Simulator.Fraud;

/// <summary>
/// Call bombing: one victim's phone flooded by dozens to hundreds of calls within minutes, from one number or
/// a pool of them, in waves hours apart. The "violent debt collection" variant also calls and texts everyone
/// in the victim's contact list, and sends them a group SMS, to shame the victim into paying.
/// </summary>
internal sealed class CallBombingActor : FraudActor
{
    private const int FirstHour = 9;
    private const int EndHour = 22;

    private readonly int _victim;
    private readonly ulong[] _attackers;
    private readonly bool _debtCollection;

    public CallBombingActor(World world, int index, double intensity)
        : base(world, FraudKind.CallBombing, index, intensity)
    {
        _victim = world.Recruit();
        _attackers = new ulong[Rng.Chance(0.4) ? 1 : Rng.Between(5, 40)];
        for (var i = 0; i < _attackers.Length; i++)
            _attackers[i] = world.Plan.NewMobile(Rng);
        // Every other actor, starting with the first, is a debt collector, so even a one-actor run shows that variant.
        _debtCollection = index % 2 == 0;
    }

    protected override long FirstEpisode()
        => World.MomentBetween((long)(0.05 * World.HorizonMs), (long)(0.85 * World.HorizonMs), FirstHour, EndHour);

    protected override long NextEpisode(long lastEvent)
        => World.MomentBetween(lastEvent + (8 * SimClock.MsPerHour), lastEvent + (30 * SimClock.MsPerHour), FirstHour, EndHour);

    protected override void PlanEpisode(long start)
    {
        var victim = World.Subscribers.Numbers[_victim];
        var victimTruth = Victim(victim);
        var windowMs = (long)(Rng.Uniform(5, 30) * 60_000);
        var calls = Scaled(Rng.Between(40, 300));
        for (var i = 0; i < calls; i++)
        {
            var r = Attack(start + (long)(Rng.NextDouble() * windowMs), victim, victimTruth);
            if (Rng.Chance(0.1))
                CallOutcome.Answered(ref r, Rng.Between(1000, 5000), Rng.Between(2, 15));
            else
                SetUnanswered(ref r);
            Add(r);
        }

        if (_debtCollection)
            HarassContacts(start, windowMs, victim, victimTruth);
    }

    private void HarassContacts(long start, long windowMs, ulong victim, int victimTruth)
    {
        var contacts = World.Subscribers.ContactsOf(_victim);
        foreach (var contact in contacts)
        {
            var number = World.Subscribers.Numbers[contact];
            var truth = Victim(number);
            for (var k = Rng.Between(1, 3); k > 0; k--)
            {
                var r = Attack(start + (long)(Rng.NextDouble() * (windowMs + (30 * 60_000))), number, truth);
                if (Rng.Chance(0.4))
                    CallOutcome.Answered(ref r, Rng.Between(3000, 12_000), (int)Rng.LogNormal(45, 0.8));
                else
                    CallOutcome.Unanswered(ref r, Rng);
                Add(r);
            }
        }

        // The group SMS: one attacker texts the whole contact list within a minute, and the victim a few times.
        var at = start + (long)(Rng.NextDouble() * windowMs);
        var sender = _attackers[Rng.Next(_attackers.Length)];
        foreach (var contact in contacts)
        {
            at += Rng.Between(100, 500);
            var sms = new CallRecord { TimeMs = at, Caller = sender, Callee = World.Subscribers.Numbers[contact], CallerTruth = Suspect(sender) };
            sms.CalleeTruth = Victim(sms.Callee);
            CallOutcome.Sms(ref sms);
            Add(sms);
        }

        for (var k = Rng.Between(3, 10); k > 0; k--)
        {
            var sms = Attack(start + (long)(Rng.NextDouble() * windowMs), victim, victimTruth);
            CallOutcome.Sms(ref sms);
            Add(sms);
        }
    }

    private CallRecord Attack(long at, ulong target, int targetTruth)
    {
        var attacker = _attackers[Rng.Next(_attackers.Length)];
        return new CallRecord { TimeMs = at, Caller = attacker, Callee = target, CallerTruth = Suspect(attacker), CalleeTruth = targetTruth };
    }

    // Bombing calls are cut by the machine after a ring or two, or rejected by the exasperated victim.
    private void SetUnanswered(ref CallRecord r)
    {
        CallOutcome.Unanswered(ref r, Rng);
        if (Rng.Chance(0.8))
            r.RingMs = Rng.Between(1000, 8000);
    }
}
