namespace FraudStream.Host.Commands;

/// <summary>
/// The examples <c>--help</c> ends with, by command path: a comment saying what each does, then the command line.
/// One table, so the tour reads in one place; tests parse every line with the real command line, so none rots.
/// </summary>
internal static class HelpExamples
{
    public static readonly IReadOnlyDictionary<string, (string What, string Line)[]> ByCommand = new Dictionary<string, (string What, string Line)[]>(StringComparer.Ordinal)
    {
        ["fraudstream"] =
        [
            ("Try it on this machine: embedded Kafka, a private Redis, simulated fraud, alerts on screen", "fraudstream demo"),
            ("Check a production configuration (Kafka, topics, Redis, model), then run the service", "fraudstream run --check --config /etc/fraudstream/fraudstream.json"),
            ("", "fraudstream run --config /etc/fraudstream/fraudstream.json"),
            ("Follow the alerts it publishes", "fraudstream tail --bootstrap kafka1:9092 --min-severity high"),
        ],
        ["fraudstream demo"] =
        [
            ("A minute at 50,000 CDRs per second", "fraudstream demo --duration 60 --rate 50000"),
        ],
        ["fraudstream run"] =
        [
            ("Is everything there? A summary and exit 0, or one line saying what to fix (2 configuration, 1 unreachable)", "fraudstream run --check --config /etc/fraudstream/fraudstream.json"),
            ("Score the carrier's CDRs; Ctrl-C or SIGTERM finishes the batches in hand, commits and leaves the group", "fraudstream run --bootstrap kafka1:9092 --redis redis1:6379"),
            ("Secrets come from the environment: FRAUDSTREAM__Kafka__SaslPassword, FRAUDSTREAM__Redis__Password", "fraudstream run --config /etc/fraudstream/fraudstream.json"),
        ],
        ["fraudstream simulate"] =
        [
            ("100,000 CDRs to a file, the ground truth beside it (cdrs.jsonl.truth.csv)", "fraudstream simulate --out cdrs.jsonl --count 100000"),
            ("Live traffic to Kafka, 2,000 CDRs per second for a minute", "fraudstream simulate --bootstrap 127.0.0.1:9092 --rate 2000 --duration 60"),
        ],
        ["fraudstream train"] =
        [
            ("Train on simulated traffic, then run with the new model (--model)", "fraudstream train --simulate 300000 --out fraud-model.zip"),
            ("Train on recorded CDRs and their ground truth", "fraudstream train --data cdrs.jsonl --truth cdrs.jsonl.truth.csv"),
        ],
        ["fraudstream evaluate"] =
        [
            ("Rules, model and both on the held-out world (outside every training range), against issue 20's goals", "fraudstream evaluate"),
            ("A candidate model and thresholds, failing (exit 1) when a goal is not met", "fraudstream evaluate --model fraud-model.zip --thresholds thresholds.json --check"),
        ],
        ["fraudstream risk"] =
        [
            ("Train on labelled numbers with the paper's split; test AUC, AUPRC, macro-F1", "fraudstream risk train --data all_feat_with_label.csv --split split-paper.csv --out risk.zip"),
            ("Label the risky numbers in Redis (fraud blocks, suspect warns; allow-listed numbers are left alone)", "fraudstream risk score --data numbers.csv --model risk.zip --redis 127.0.0.1:6379"),
            ("The aggregates a carrier's own CDRs give, for training or scoring", "fraudstream risk features --from cdrs.jsonl --out numbers.csv --utc-offset 8"),
        ],
        ["fraudstream risk train"] =
        [
            ("The benchmark: the paper split, 5 seeds, mean ± sd", "fraudstream risk train --data all_feat_with_label.csv --split split-paper.csv --seeds 5"),
            ("Only the columns CDRs give, without how long a line was active", "fraudstream risk train --data all_feat_with_label.csv --split split-paper.csv --columns cdr --no-tenure"),
        ],
        ["fraudstream risk score"] =
        [
            ("Labels for 30 days as CSV, to review before `labels import`", "fraudstream risk score --data numbers.csv --model risk.zip --out labels.csv --ttl 30d"),
        ],
        ["fraudstream risk features"] =
        [
            ("Last month of a CDR topic", "fraudstream risk features --bootstrap kafka1:9092 --topic telco.cdr.v1 --since 30d --out numbers.csv"),
        ],
        ["fraudstream labels"] =
        [
            ("Label a number for 30 days; running services pick it up within seconds", "fraudstream labels add +8613800138000 --category fraud --source police --ttl 30d --redis 127.0.0.1:6379"),
            ("Every fraud label, then one number's audit trail", "fraudstream labels list --category fraud"),
            ("", "fraudstream labels audit +8613800138000"),
        ],
        ["fraudstream labels policy"] =
        [
            ("A subscriber who wants no calls from abroad", "fraudstream labels policy set +8613800138000 --block-overseas on"),
        ],
        ["fraudstream labels prefix"] =
        [
            ("Block a premium-rate range (IRSF)", "fraudstream labels prefix add 88213 --action block --category fraud --reason irsf-range"),
        ],
        ["fraudstream tail"] =
        [
            ("Serious alerts as they come", "fraudstream tail --bootstrap kafka1:9092 --min-severity high"),
            ("The last alerts as JSON lines, for a script", "fraudstream tail --bootstrap kafka1:9092 --json --from-beginning --timeout 5"),
        ],
        ["fraudstream broker"] =
        [
            ("One broker in memory with a 12-partition CDR topic; prints its bootstrap servers first", "fraudstream broker --brokers 1 --topic telco.cdr.v1:12"),
        ],
        ["fraudstream bench"] =
        [
            ("Throughput, CPU per event and latency in under a minute", "fraudstream bench --quick"),
            ("One scenario of the fault matrix", "fraudstream bench --faults --scenario sigterm"),
        ],
    };
}
