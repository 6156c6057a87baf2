using FraudStream.Simulator.Randomness;

namespace FraudStream.Simulator.Population;

/// <summary>
/// Businesses and hotlines (banks, airlines, shops, the utilities' 400 numbers): a few hundred numbers that
/// receive many calls from many callers. Popularity is Zipf-like: a handful of hotlines get most calls.
/// </summary>
internal sealed class Businesses
{
    private readonly ulong[] _numbers;
    private readonly AliasTable _popularity;

    public Businesses(NumberPlan plan, int count, Rng rng)
    {
        _numbers = new ulong[count];
        var weights = new double[count];
        for (var i = 0; i < count; i++)
        {
            _numbers[i] = plan.NewBusiness(rng);
            weights[i] = 1.0 / (i + 1);
        }

        _popularity = new AliasTable(weights);
    }

    /// <summary>A business, the popular ones far more often.</summary>
    public ulong Pick(Rng rng) => _numbers[_popularity.Sample(rng)];
}
