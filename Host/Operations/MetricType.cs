namespace FraudStream.Host.Operations;

/// <summary>The Prometheus <c># TYPE</c> an instrument is exposed as.</summary>
internal enum MetricType
{
    /// <summary>Counter and ObservableCounter: monotonic sums, named <c>…_total</c>.</summary>
    Counter,

    /// <summary>Gauge, ObservableGauge, and the non-monotonic sums UpDownCounter and ObservableUpDownCounter.</summary>
    Gauge,

    /// <summary>Histogram: cumulative <c>_bucket</c> series, <c>_sum</c> and <c>_count</c>.</summary>
    Histogram,
}
