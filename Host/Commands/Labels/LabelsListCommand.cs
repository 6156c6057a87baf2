using System.CommandLine;
using FraudStream.Scoring.Blocklist;

namespace FraudStream.Host.Commands.Labels;

/// <summary><c>fraudstream labels list [--category C] [--limit N]</c>.</summary>
internal static class LabelsListCommand
{
    public static Command Create(CliContext cli, Option<string> redis)
    {
        var category = new Option<string>("--category") { Description = "Only labels of this category." };
        var limit = new Option<int>("--limit") { Description = "At most this many (1-1000000).", DefaultValueFactory = _ => 100 };

        var command = new Command("list", "List labels (unexpired), ordered by number.") { category, limit };
        command.SetAction((parse, _) =>
        {
            LabelCategory? only = parse.GetValue(category) is { } c ? LabelArguments.Category(c) : null;
            var max = LabelArguments.Limit(parse.GetValue(limit));
            return LabelsSession.RunAsync(cli, parse, redis, async (session, ct) =>
            {
                var store = await session.OpenStoreAsync().ConfigureAwait(false);
                var labels = await store.ListAsync(only, max, ct).ConfigureAwait(false);
                var output = session.Output;
                if (labels.Count == 0)
                {
                    await output.WriteLineAsync("no labels").ConfigureAwait(false);
                    return ExitCodes.Ok;
                }

                await output.WriteLineAsync($"{"NUMBER",-17} {"CATEGORY",-10} {"SOURCE",-7} {"ACTION",-6} {"CREATED",-20} {"EXPIRES",-20} REASON").ConfigureAwait(false);
                foreach (var label in labels)
                {
                    await output.WriteLineAsync(
                        $"{LabelFormat.Number(label.Number),-17} {LabelNames.Name(label.Category),-10} {LabelNames.Name(label.Source),-7} {LabelNames.Name(label.Action),-6} "
                        + $"{LabelFormat.Time(label.CreatedMs),-20} {LabelFormat.Expiry(label.ExpiresMs),-20} {label.Reason}").ConfigureAwait(false);
                }

                return ExitCodes.Ok;
            });
        });
        return command;
    }
}
