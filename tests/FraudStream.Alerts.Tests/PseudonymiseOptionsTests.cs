namespace FraudStream.Alerts.Tests;

[TestFixture]
public sealed class PseudonymiseOptionsTests
{
    [Test]
    public void Off_by_default_and_then_no_key_is_needed()
    {
        Assert.That(new AlertsOptions().Pseudonymise.Enabled, Is.False);
        Assert.That(new AlertsOptions().Validate(), Is.Null);
    }

    [TestCase("", "Alerts:Pseudonymise:Key is empty; Alerts:Pseudonymise:Enabled needs a key of at least 32 bytes")]
    [TestCase("0123456789abcdef0123456789abcde", "Alerts:Pseudonymise:Key is 31 bytes; Alerts:Pseudonymise:Enabled needs a key of at least 32 bytes")]
    public void Enabled_with_a_short_key_names_the_key_its_minimum_and_the_environment_variable(string key, string expected)
    {
        var options = new AlertsOptions { Pseudonymise = new PseudonymiseOptions { Enabled = true, Key = key } };

        var problem = options.Validate();

        Assert.That(problem, Does.StartWith(expected).And.Contain("FRAUDSTREAM__Alerts__Pseudonymise__Key"));
        if (key.Length > 0)
            Assert.That(problem, Does.Not.Contain(key), "the message never repeats the key");
    }

    [Test]
    public void Enabled_with_32_bytes_of_key_passes_and_bytes_count_not_characters()
    {
        Assert.That(new PseudonymiseOptions { Enabled = true, Key = new string('k', 32) }.Validate(), Is.Null);
        Assert.That(new PseudonymiseOptions { Enabled = true, Key = new string('é', 16) }.Validate(), Is.Null, "16 characters of 2 UTF-8 bytes each");
        Assert.That(new PseudonymiseOptions { Enabled = true, Key = new string('é', 15) }.Validate(), Does.Contain("30 bytes"));
    }

    [Test]
    public void ToString_masks_the_key()
    {
        var key = "secret-pseudonym-key-0123456789abcdef";

        Assert.That(new PseudonymiseOptions { Enabled = true, Key = key }.ToString(), Is.EqualTo("Pseudonymise { Enabled = True, Key = *** }"));
    }
}
