// Everything the process writes, logs included, passes through the redaction of configured secrets.
Console.SetOut(new FraudStream.Host.Hosting.RedactingTextWriter(Console.Out));
Console.SetError(new FraudStream.Host.Hosting.RedactingTextWriter(Console.Error));
return await FraudStream.Host.FraudStreamCli.RunAsync(args, Console.Out, Console.Error);
