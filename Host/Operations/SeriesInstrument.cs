using System.Collections.Concurrent;

namespace FraudStream.Host.Operations;

/// <summary>
/// An instrument's series, one <typeparamref name="TSeries"/> per tag set. Finding the series of a tag set
/// seen before allocates nothing and takes no lock: the dictionary is read through a span-keyed alternate lookup.
/// </summary>
internal abstract class SeriesInstrument<TSeries> : InstrumentState
    where TSeries : class
{
    private readonly ConcurrentDictionary<TagSet, TSeries> _series;
    private readonly ConcurrentDictionary<TagSet, TSeries>.AlternateLookup<ReadOnlySpan<KeyValuePair<string, object?>>> _lookup;
    private TSeries? _untagged;

    protected SeriesInstrument(System.Diagnostics.Metrics.Instrument instrument, MetricType type, long sequence)
        : base(instrument, type, sequence)
    {
        _series = new ConcurrentDictionary<TagSet, TSeries>(TagSetComparer.Instance);
        _lookup = _series.GetAlternateLookup<ReadOnlySpan<KeyValuePair<string, object?>>>();
    }

    public sealed override void Write(PrometheusText text, long generation)
    {
        var series = _series.ToArray();
        Array.Sort(series, static (a, b) => string.CompareOrdinal(a.Key.Labels, b.Key.Labels));
        foreach (var (tags, state) in series)
            Write(text, tags.Labels, state, generation);
    }

    protected abstract TSeries NewSeries();

    protected abstract void Write(PrometheusText text, string labels, TSeries series, long generation);

    protected TSeries SeriesFor(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty)
            return _untagged ??= _series.GetOrAdd(TagSet.Empty, static (_, self) => self.NewSeries(), this);
        if (_lookup.TryGetValue(tags, out var series))
            return series;
        // First sight of this tag set (or a key repeated in the tags, which never matches a stored set).
        return _series.GetOrAdd(TagSet.Create(tags), static (_, self) => self.NewSeries(), this);
    }
}
