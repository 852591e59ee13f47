namespace FeatureStore.Online;

/// <summary>The online store cannot be reached or failed mid-call (the message names the host:port or file).</summary>
public sealed class OnlineStoreUnavailableException : Exception
{
    public OnlineStoreUnavailableException(string message) : base(message) { }

    public OnlineStoreUnavailableException(string message, Exception? inner) : base(message, inner) { }

    public OnlineStoreUnavailableException() { }
}

/// <summary>A call the store cannot honour as given (bad arguments, unreadable stored bytes); the message says which object.</summary>
public sealed class OnlineStoreException : Exception
{
    public OnlineStoreException(string message) : base(message) { }

    public OnlineStoreException(string message, Exception? inner) : base(message, inner) { }

    public OnlineStoreException() { }
}
