using System.CommandLine;

namespace FraudStream.Host.Commands.Labels;

/// <summary><c>fraudstream labels audit [&lt;number&gt;] [--limit N]</c>: who changed what, newest first.</summary>
internal static class LabelsAuditCommand
{
    public static Command Create(CliContext cli, Option<string> redis)
    {
        var number = new Argument<string?>("number") { Description = "Only changes to this number or subscriber.", Arity = ArgumentArity.ZeroOrOne };
        var limit = new Option<int>("--limit") { Description = "At most this many (1-1000000).", DefaultValueFactory = _ => 50 };

        var command = new Command("audit", "Show the audit trail of label, policy and prefix changes, newest first.") { number, limit };
        command.SetAction((parse, _) =>
        {
            var max = LabelArguments.Limit(parse.GetValue(limit));
            return LabelsSession.RunAsync(cli, parse, redis, async (session, ct) =>
            {
                ulong? subject = parse.GetValue(number) is { } text ? session.ParseNumber(text) : null;
                var store = await session.OpenStoreAsync().ConfigureAwait(false);
                var entries = await store.AuditAsync(subject, max, ct).ConfigureAwait(false);
                if (entries.Count == 0)
                    await session.Output.WriteLineAsync("no changes").ConfigureAwait(false);
                foreach (var e in entries)
                {
                    var what = e.Source.Length > 0 ? $"{e.Category}/{e.Source}" : e.Category;
                    var subjectText = e.Op.StartsWith("prefix", StringComparison.Ordinal) ? e.Subject : "+" + e.Subject;
                    await session.Output.WriteLineAsync(
                        $"{LabelFormat.Time(e.TimeMs)}  v{e.Version,-6} {e.Op,-13} {subjectText,-17} {what,-18} by {e.Actor}{(e.Reason.Length > 0 ? ": " + e.Reason : "")}").ConfigureAwait(false);
                }

                return ExitCodes.Ok;
            });
        });
        return command;
    }
}
