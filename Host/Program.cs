return await FraudStream.Host.FraudStreamCli.RunAsync(args, Console.Out, Console.Error);
