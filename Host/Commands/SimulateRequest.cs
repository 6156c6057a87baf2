using FraudStream.Simulator;
using FraudStream.Simulator.Output;

namespace FraudStream.Host.Commands;

/// <summary>A checked <c>fraudstream simulate</c> command line.</summary>
/// <param name="Simulation">What to simulate.</param>
/// <param name="Limits">When to stop and how fast to go (the rate still to be defaulted for Kafka).</param>
/// <param name="Out">JSON Lines file, or null.</param>
/// <param name="Truth">Ground-truth CSV, or null.</param>
/// <param name="Topic">Kafka topic.</param>
/// <param name="RateGiven">Whether --rate was given (Kafka output defaults to a paced rate, a file to none).</param>
internal sealed record SimulateRequest(SimulationOptions Simulation, RunLimits Limits, string? Out, string? Truth, string Topic, bool RateGiven);
