using FraudStream.Alerts;
using FraudStream.Alerts.Pipeline;
using FraudStream.Host.Hosting;
using FraudStream.Ingest;
using FraudStream.Ingest.Kafka;
using FraudStream.Scoring.Blocklist;
using FraudStream.Scoring.Engine;
using FraudStream.Scoring.Features;
using FraudStream.Scoring.Redis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FraudStream.Host.Service;

/// <summary>
/// Binds <see cref="ServiceOptions"/> (the pipeline's, in Alerts) from the Generic Host's configuration: the sections the
/// scoring service reads beyond the ones every command validates, registered and read together. Static extension
/// members, so commands keep writing <c>ServiceOptions.Register(builder)</c> and <c>ServiceOptions.From(services)</c>.
/// </summary>
internal static class ServiceOptionsBinding
{
    extension(ServiceOptions)
    {
        public static void Register(HostApplicationBuilder builder)
        {
            CommandHost.AddValidated<BlocklistOptions>(builder, BlocklistOptions.Section, static o => o.Validate());
            CommandHost.AddValidated<ScoringOptions>(builder, ScoringOptions.Section, static o => o.Validate());
            CommandHost.AddValidated<FeatureOptions>(builder, FeatureOptions.Section, static o => o.Validate());
        }

        public static ServiceOptions From(IServiceProvider services)
        {
            var ingest = services.GetRequiredService<IOptions<IngestOptions>>().Value;
            var alerts = services.GetRequiredService<IOptions<AlertsOptions>>().Value;
            return new ServiceOptions(
                services.GetRequiredService<IOptions<KafkaOptions>>().Value,
                ingest,
                alerts,
                new RuntimeOptions(
                    services.GetRequiredService<IOptions<RedisOptions>>().Value,
                    services.GetRequiredService<IOptions<BlocklistOptions>>().Value,
                    services.GetRequiredService<IOptions<ScoringOptions>>().Value,
                    services.GetRequiredService<IOptions<FeatureOptions>>().Value,
                    alerts,
                    ingest.HomeCountryCode));
        }
    }
}
