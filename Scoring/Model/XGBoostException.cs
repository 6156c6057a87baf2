namespace FraudStream.Scoring.Model;

/// <summary>A call into libxgboost failed; the message carries XGBoost's own explanation.</summary>
public sealed class XGBoostException : Exception
{
    public XGBoostException()
    {
    }

    public XGBoostException(string message)
        : base(message)
    {
    }

    public XGBoostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
