using Microsoft.Extensions.Options;

namespace FraudStream.Host.Hosting;

/// <summary>Adapts an options class's own <c>string? Validate()</c> to the Options pipeline, keeping its one-line reason.</summary>
internal sealed class OptionsValidator<TOptions>(Func<TOptions, string?> validate) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
        => validate(options) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
