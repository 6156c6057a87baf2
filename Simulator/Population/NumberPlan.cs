using FraudStream.Simulator.Randomness;

namespace FraudStream.Simulator.Population;

/// <summary>
/// Where numbers come from: the home network's mobile and fixed ranges, and the foreign ranges that
/// families abroad, scammers, wangiri and IRSF fraud use. Numbers handed out as identities (subscribers,
/// businesses, fraud numbers) are unique; throw-away numbers for one call are not tracked.
/// </summary>
internal sealed class NumberPlan
{
    // China's mobile blocks (13x-19x); other home countries get a generic 10-digit mobile plan.
    private static readonly int[] s_chinaMobilePrefixes =
    [
        130, 131, 132, 133, 134, 135, 136, 137, 138, 139, 147, 150, 151, 152, 153, 155, 156, 157, 158, 159,
        166, 172, 175, 176, 177, 178, 180, 181, 182, 183, 184, 185, 186, 187, 188, 189, 191, 198, 199,
    ];

    // Beijing, Shanghai, Guangzhou, Shenzhen, Hangzhou, Chengdu, Wuhan, Nanjing: fixed lines of businesses.
    private static readonly int[] s_chinaAreaCodes = [10, 21, 20, 755, 571, 28, 27, 25];

    private readonly HashSet<ulong> _taken = [];

    public NumberPlan(int homeCountry)
    {
        HomeCountry = homeCountry;
        FamilyAbroad = Ranges(homeCountry,
            "1|415:11", "1|646:11", "1|604:11", "44|77:12", "61|4:11", "81|90:12", "65|9:10", "60|12:11",
            "49|151:13", "33|6:11", "971|5:12", "852|6:11", "886|9:12", "82|10:12", "64|21:11");
        ScamOrigins = Ranges(homeCountry,
            "855|1:11", "95|9:11", "63|9:12", "856|20:13", "66|8:11", "60|11:12", "1|647:11", "44|20:12", "852|5:11", "886|9:12");
        Wangiri = Ranges(homeCountry,
            "882|16:12", "216|9:11", "373|6:11", "375|29:12", "371|2:11", "381|6:12", "225|07:13", "222|4:11", "235|6:11", "252|90:12");
        PremiumRate = Ranges(homeCountry,
            "881|6:12", "882|34:12", "882|99:12", "247|6:8", "290|2:8", "239|9:10", "248|2:10", "674|55:10", "688|90:8", "269|3:10", "252|68:12");
    }

    public int HomeCountry { get; }

    public NumberRange[] FamilyAbroad { get; }

    public NumberRange[] ScamOrigins { get; }

    public NumberRange[] Wangiri { get; }

    public NumberRange[] PremiumRate { get; }

    /// <summary>A home mobile number, possibly in use by someone else (an off-network stranger).</summary>
    public ulong AnyMobile(Rng rng)
    {
        if (HomeCountry == 86)
        {
            var prefix = (ulong)s_chinaMobilePrefixes[rng.Next(s_chinaMobilePrefixes.Length)];
            return (86UL * Digits.Pow10(11)) + (prefix * Digits.Pow10(8)) + rng.NextUInt64(Digits.Pow10(8));
        }

        var lead = rng.Chance(0.5) ? 7UL : 9UL;
        return Home((lead * Digits.Pow10(9)) + rng.NextUInt64(Digits.Pow10(9)), 10);
    }

    /// <summary>A home mobile number no one else in the simulation holds.</summary>
    public ulong NewMobile(Rng rng) => Unique(rng, static (plan, r) => plan.AnyMobile(r));

    /// <summary>A business line: a 400 service number or a city fixed line.</summary>
    public ulong NewBusiness(Rng rng) => Unique(rng, static (plan, r) => plan.AnyBusiness(r));

    /// <summary>An SMS service sender (banks, couriers, apps): the 106 range in China.</summary>
    public ulong NewServiceSender(Rng rng)
        => Unique(rng, static (plan, r) => plan.HomeCountry == 86
            ? plan.Home((106UL * Digits.Pow10(8)) + r.NextUInt64(Digits.Pow10(8)), 11)
            : plan.Home((3UL * Digits.Pow10(8)) + r.NextUInt64(Digits.Pow10(8)), 9));

    /// <summary>A number from one of <paramref name="ranges"/> no one else in the simulation holds.</summary>
    public ulong NewForeign(NumberRange[] ranges, Rng rng) => NewIn(ranges[rng.Next(ranges.Length)], rng);

    /// <summary>A number from <paramref name="range"/> no one else in the simulation holds.</summary>
    public ulong NewIn(NumberRange range, Rng rng)
    {
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var number = range.Draw(rng);
            if (_taken.Add(number))
                return number;
        }

        throw new InvalidOperationException($"Number range +{range.Prefix} is exhausted.");
    }

    /// <summary>Marks <paramref name="number"/> as held; false when someone already holds it.</summary>
    public bool Claim(ulong number) => _taken.Add(number);

    /// <summary>The range of home mobile numbers starting like <paramref name="number"/>, for consecutive SIM batches.</summary>
    public NumberRange MobileBlockOf(ulong number)
    {
        var digits = Digits.Count(number);
        return new NumberRange(HomeCountry, number / Digits.Pow10(4), digits - 4, digits);
    }

    private ulong AnyBusiness(Rng rng)
    {
        if (HomeCountry != 86)
            return Home((2UL * Digits.Pow10(8)) + rng.NextUInt64(Digits.Pow10(8)), 9);
        if (rng.Chance(0.4))
            return Home((400UL * Digits.Pow10(7)) + rng.NextUInt64(Digits.Pow10(7)), 10);

        var area = (ulong)s_chinaAreaCodes[rng.Next(s_chinaAreaCodes.Length)];
        var local = (ulong)rng.Between(2, 8) * Digits.Pow10(7) + rng.NextUInt64(Digits.Pow10(7));
        return Home((area * Digits.Pow10(8)) + local, Digits.Count(area) + 8);
    }

    private ulong Home(ulong national, int nationalDigits) => ((ulong)HomeCountry * Digits.Pow10(nationalDigits)) + national;

    private ulong Unique(Rng rng, Func<NumberPlan, Rng, ulong> draw)
    {
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var number = draw(this, rng);
            if (_taken.Add(number))
                return number;
        }

        throw new InvalidOperationException("The home numbering plan is exhausted.");
    }

    private static NumberRange[] Ranges(int homeCountry, params string[] ranges)
    {
        var list = new List<NumberRange>(ranges.Length);
        foreach (var text in ranges)
        {
            var range = NumberRange.Parse(text);
            if (range.CountryCode != homeCountry)
                list.Add(range);
        }

        return [.. list];
    }
}
