"""The one exception the client raises for a failed call."""
import grpc


class FeatureServingError(Exception):
    """A call that did not succeed: code is the gRPC status name (e.g. "NOT_FOUND", "UNAVAILABLE"), details the server's message."""

    def __init__(self, code, details):
        super().__init__(f"{code}: {details}")
        self.code = code
        self.details = details

    @classmethod
    def from_rpc_error(cls, error):
        code = error.code() if isinstance(error, grpc.Call) else None
        return cls(code.name if code is not None else "UNKNOWN", (error.details() if isinstance(error, grpc.Call) else None) or str(error))
