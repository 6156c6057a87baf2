namespace FraudStream.Scoring.Blocklist;

/// <summary>
/// The prefix rules as an immutable snapshot: a change builds a new set and the replica swaps the reference,
/// so readers need no lock. Rules are few (hundreds), so copying on change is cheap.
/// </summary>
internal sealed class PrefixSet
{
    private static readonly ulong[] s_powersOf10 = BuildPowers();

    // Key: prefix * 16 + length, so "88" and "880"-style prefixes of different lengths never collide.
    private readonly Dictionary<ulong, PrefixRule> _rules;
    private readonly int _lengths; // bit n set = some rule has n digits

    public static PrefixSet Empty { get; } = new([]);

    public PrefixSet(IEnumerable<PrefixRule> rules)
    {
        _rules = [];
        foreach (var rule in rules)
        {
            _rules[Key(rule.Prefix, rule.Length)] = rule;
            _lengths |= 1 << rule.Length;
        }
    }

    public int Count => _rules.Count;

    public IEnumerable<PrefixRule> Rules => _rules.Values;

    /// <summary>The rule with the longest prefix of <paramref name="number"/> (which has <paramref name="digits"/> digits).</summary>
    public bool TryMatch(ulong number, int digits, out PrefixRule rule)
    {
        rule = default;
        if (digits is < 1 or > PrefixRule.MaxLength)
            return false;
        for (var length = digits; length > 0; length--)
        {
            if ((_lengths & (1 << length)) == 0)
                continue;
            if (_rules.TryGetValue(Key(number / s_powersOf10[digits - length], length), out rule))
                return true;
        }

        return false;
    }

    public PrefixSet With(PrefixRule rule)
    {
        var rules = new List<PrefixRule>(_rules.Values);
        rules.RemoveAll(r => r.Prefix == rule.Prefix && r.Length == rule.Length);
        rules.Add(rule);
        return new PrefixSet(rules);
    }

    public PrefixSet Without(ulong prefix, int length)
    {
        if (!_rules.ContainsKey(Key(prefix, length)))
            return this;
        var rules = new List<PrefixRule>(_rules.Values);
        rules.RemoveAll(r => r.Prefix == prefix && r.Length == length);
        return new PrefixSet(rules);
    }

    private static ulong Key(ulong prefix, int length) => (prefix << 4) | (uint)length;

    private static ulong[] BuildPowers()
    {
        var powers = new ulong[PrefixRule.MaxLength + 1];
        powers[0] = 1;
        for (var i = 1; i < powers.Length; i++)
            powers[i] = powers[i - 1] * 10;
        return powers;
    }
}
