using FraudStream.Scoring.Risk;
using FraudStream.Scoring.Tests.Features;

namespace FraudStream.Scoring.Tests.Risk;

/// <summary>CDR aggregates come out as the Sichuan dataset defines the columns of the same name.</summary>
[TestFixture]
public sealed class CdrAggregatorTests
{
    private static readonly DateTimeOffset s_day = new(2026, 3, 2, 0, 0, 0, TimeSpan.FromHours(8));

    [Test]
    public void Voice_and_sms_aggregates_of_a_number_match_the_dataset_definitions()
    {
        var me = Events.Home(1);
        var a = Events.Home(2);
        var b = Events.Home(3);
        var aggregator = new CdrAggregator(TimeSpan.FromHours(8));
        aggregator.Add(Events.Call(me, a, s_day.AddHours(9), duration: 30, imei: 11));
        aggregator.Add(Events.Call(me, a, s_day.AddHours(9.5), duration: 90, imei: 12));
        aggregator.Add(Events.Call(me, b, s_day.AddDays(1).AddHours(22), duration: 0, answered: false, imei: 11));
        aggregator.Add(Events.Call(b, me, s_day.AddDays(2).AddHours(9), duration: 60));
        aggregator.Add(Events.Sms(me, a, s_day.AddHours(10)));
        aggregator.Add(Events.Sms(a, me, s_day.AddHours(10)));
        aggregator.Add(Events.Sms(b, me, s_day.AddHours(11)));

        var table = aggregator.ToTable("cdrs", callersOnly: true);
        var row = Row(table, "+8613800000001");

        Assert.That(table.Columns, Is.EqualTo(RiskColumns.CdrComputable));
        Assert.That(row["opposite_count"], Is.EqualTo(4), "every voice record, both directions");
        Assert.That(row["opposite_unique"], Is.EqualTo(2));
        Assert.That(row["voccalltype1"], Is.EqualTo(3), "outgoing");
        Assert.That(row["voc_calltype1"], Is.EqualTo(0.75f));
        Assert.That(row["imeis"], Is.EqualTo(2));
        Assert.That(row["phone2opposite_mean"], Is.EqualTo(2), "two calls with a, two with b");
        Assert.That(row["phone2oppo_sum_max"], Is.EqualTo(120), "30 + 90 s with a");
        Assert.That(row["call_dur_median"], Is.EqualTo(45), "the mean of the middle two of 0, 30, 60, 90");
        Assert.That(row["call_dur_min"], Is.EqualTo(0));
        Assert.That(row["calltype_id_unique"], Is.EqualTo(2));
        Assert.That(row["voc_hour_mode"], Is.EqualTo(9), "local time");
        Assert.That(row["voc_hour_mode_count"], Is.EqualTo(3));
        Assert.That(row["voc_hour_nunique"], Is.EqualTo(2));
        Assert.That(row["voc_day_mode"], Is.EqualTo(2), "2 March, day of the month");
        Assert.That(row["voc_day_nunique"], Is.EqualTo(3));
        Assert.That(row["sms_count"], Is.EqualTo(3));
        Assert.That(row["sms_nunique"], Is.EqualTo(2));
        Assert.That(row["sms_rate"], Is.EqualTo(1.5f));
        Assert.That(row["calltype_2"], Is.EqualTo(2), "received");
        Assert.That(row["calltype_rate"], Is.EqualTo(2f / 3));
        Assert.That(row["hour_mode"], Is.EqualTo(10));
    }

    [Test]
    public void A_number_without_voice_records_has_its_voice_columns_missing_and_callees_only_on_request()
    {
        var sender = Events.Home(5);
        var receiver = Events.Home(6);
        var aggregator = new CdrAggregator(TimeSpan.Zero);
        aggregator.Add(Events.Sms(sender, receiver, s_day));

        var callers = aggregator.ToTable("cdrs", callersOnly: true);
        var everyone = aggregator.ToTable("cdrs", callersOnly: false);
        var row = Row(callers, "+8613800000005");

        Assert.That(callers.Ids, Is.EqualTo(new[] { "+8613800000005" }));
        Assert.That(everyone.Ids, Is.EqualTo(new[] { "+8613800000005", "+8613800000006" }));
        Assert.That(float.IsNaN(row["opposite_count"]), Is.True);
        Assert.That(float.IsNaN(row["call_dur_mean"]), Is.True);
        Assert.That(row["sms_count"], Is.EqualTo(1));
        Assert.That(row["calltype_rate"], Is.Zero);
    }

    private static Dictionary<string, float> Row(RiskTable table, string id)
    {
        var index = table.Ids.ToList().IndexOf(id);
        Assert.That(index, Is.GreaterThanOrEqualTo(0), id);
        var row = table.Row(index).ToArray();
        return table.Columns.Select((c, i) => (c, row[i])).ToDictionary(p => p.c, p => p.Item2);
    }
}
