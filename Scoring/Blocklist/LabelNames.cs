namespace FraudStream.Scoring.Blocklist;

/// <summary>
/// The lowercase names labels are stored and typed with (<c>fraud</c>, <c>police</c>, <c>block</c>), and the
/// action each category implies when a label does not override it.
/// </summary>
public static class LabelNames
{
    private static readonly string[] s_categories = ["fraud", "scam", "harassment", "defaulter", "spam", "robocall", "wangiri", "allow", "bombing", "suspect"];
    private static readonly string[] s_sources = ["court", "police", "carrier", "auto", "report", "risk-model"];
    private static readonly string[] s_actions = ["label", "warn", "block", "allow"];

    /// <summary>Every category name, in enum order (for help texts and error messages).</summary>
    public static IReadOnlyList<string> Categories => s_categories;

    /// <summary>Every source name, in enum order.</summary>
    public static IReadOnlyList<string> Sources => s_sources;

    /// <summary>Every action name, in enum order.</summary>
    public static IReadOnlyList<string> Actions => s_actions;

    public static string Name(LabelCategory category) => s_categories[(int)category];

    public static string Name(LabelSource source) => s_sources[(int)source];

    public static string Name(LabelAction action) => s_actions[(int)action];

    public static bool TryParse(ReadOnlySpan<char> name, out LabelCategory category)
    {
        var index = IndexOf(s_categories, name);
        category = (LabelCategory)Math.Max(index, 0);
        return index >= 0;
    }

    public static bool TryParse(ReadOnlySpan<char> name, out LabelSource source)
    {
        var index = IndexOf(s_sources, name);
        source = (LabelSource)Math.Max(index, 0);
        return index >= 0;
    }

    public static bool TryParse(ReadOnlySpan<char> name, out LabelAction action)
    {
        var index = IndexOf(s_actions, name);
        action = (LabelAction)Math.Max(index, 0);
        return index >= 0;
    }

    /// <summary>fraud/scam/wangiri block, harassment/spam/robocall/bombing/suspect warn, defaulter labels, allow allows.</summary>
    public static LabelAction DefaultAction(LabelCategory category) => category switch
    {
        LabelCategory.Fraud or LabelCategory.Scam or LabelCategory.Wangiri => LabelAction.Block,
        LabelCategory.Harassment or LabelCategory.Spam or LabelCategory.Robocall or LabelCategory.Bombing or LabelCategory.Suspect => LabelAction.Warn,
        LabelCategory.Defaulter => LabelAction.Label,
        LabelCategory.Allow => LabelAction.Allow,
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, null),
    };

    /// <summary>
    /// Null when <paramref name="action"/> may go with <paramref name="category"/>, else why not: <c>allow</c> is
    /// both a category and an action, and one never comes without the other, so an allow-listed number can
    /// never end up blocked by a mistyped override.
    /// </summary>
    public static string? CheckAction(LabelCategory category, LabelAction action)
    {
        if (category == LabelCategory.Allow && action != LabelAction.Allow)
            return $"category allow always has action allow, not {Name(action)}";
        if (category != LabelCategory.Allow && action == LabelAction.Allow)
            return $"action allow belongs to category allow, not {Name(category)}";
        return null;
    }

    private static int IndexOf(string[] names, ReadOnlySpan<char> name)
    {
        for (var i = 0; i < names.Length; i++)
        {
            if (name.Equals(names[i], StringComparison.OrdinalIgnoreCase))
                return i;
        }

        return -1;
    }
}
