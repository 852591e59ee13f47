"""FeatureServingClient: one long-lived gRPC channel to a feature server."""
import json
import os

import grpc

from ._generated import health_pb2, health_pb2_grpc, serving_pb2, serving_pb2_grpc
from .errors import FeatureServingError
from .result import OnlineFeatures
from .values import to_proto

SERVICE_NAME = "featurestore.serving.v1.FeatureServing"


def retry_service_config(max_retries, initial_backoff, max_backoff):
    """UNAVAILABLE retried for every method with exponential backoff and jitter, within the call's deadline (as the C# client)."""
    method = {"name": [{}]}
    if max_retries > 0:
        method["retryPolicy"] = {
            "maxAttempts": max_retries + 1,  # grpc-core caps this at 5
            "initialBackoff": f"{initial_backoff:.3f}s",
            "maxBackoff": f"{max_backoff:.3f}s",
            "backoffMultiplier": 2,
            "retryableStatusCodes": ["UNAVAILABLE"],
        }
    return json.dumps({"methodConfig": [method]})


class FeatureServingClient:
    """A client of one feature server at "host:port" (cleartext HTTP/2). Calls are thread-safe; close() or use `with`.

    timeout: default deadline in seconds of each call. gzip: compress requests (replies are compressed when the server
    chooses). max_retries / initial_backoff / max_backoff: retry of UNAVAILABLE, as gRPC service config. api_key: the
    token of `featurestore access key create`, sent as `authorization: Bearer KEY` metadata on every call (default:
    the FEATURESTORE_API_KEY environment variable; none when both are unset). The key is never printed or put in errors.
    """

    def __init__(self, address, timeout=0.5, gzip=False, max_retries=3, initial_backoff=0.05, max_backoff=1.0,
                 max_response_size=64 * 1024 * 1024, api_key=None):
        if not isinstance(address, str) or ":" not in address or "://" in address:
            raise ValueError(f"feature server address {address!r} must be host:port")
        if timeout is None or timeout <= 0:
            raise ValueError(f"timeout must be a positive number of seconds, found {timeout!r}")
        if max_retries < 0 or initial_backoff <= 0 or max_backoff < initial_backoff:
            raise ValueError(f"retry settings: max_retries >= 0 and 0 < initial_backoff <= max_backoff, found "
                             f"{max_retries}, {initial_backoff}, {max_backoff}")
        api_key = api_key if api_key is not None else os.environ.get("FEATURESTORE_API_KEY") or None
        if api_key is not None and (not isinstance(api_key, str) or not api_key.isprintable() or " " in api_key):
            raise ValueError("api_key must be the one-line token printed by 'featurestore access key create'")
        self.address = address
        self.timeout = timeout
        self._metadata = (("authorization", f"Bearer {api_key}"),) if api_key else None
        options = [
            ("grpc.service_config", retry_service_config(max_retries, initial_backoff, max_backoff)),
            ("grpc.enable_retries", 1),
            ("grpc.max_receive_message_length", max_response_size),
        ]
        compression = grpc.Compression.Gzip if gzip else grpc.Compression.NoCompression
        self._channel = grpc.insecure_channel(address, options=options, compression=compression)
        self._features = serving_pb2_grpc.FeatureServingStub(self._channel)
        self._health = health_pb2_grpc.HealthStub(self._channel)

    def get_online_features(self, features=None, feature_service=None, entities=None, full_feature_names=False, timeout=None):
        """Latest values of features ("view:feature" references) or of a feature service, for entity rows given as
        columns ({"driver_id": [1001, 1002]}). Returns OnlineFeatures; raises FeatureServingError on a failed call."""
        request = serving_pb2.GetOnlineFeaturesRequest(full_feature_names=bool(full_feature_names))
        if (features is None) == (feature_service is None):
            raise ValueError("give exactly one of features=[...] or feature_service=...")
        if feature_service is not None:
            if not isinstance(feature_service, str) or not feature_service:
                raise ValueError(f"feature_service must be a non-empty name, found {feature_service!r}")
            request.feature_service = feature_service
        else:
            if isinstance(features, str) or not features or not all(isinstance(f, str) and f for f in features):
                raise ValueError(f"features must be a non-empty list of 'view:feature' names, found {features!r}")
            request.features.val.extend(features)
        if not isinstance(entities, dict) or not entities:
            raise ValueError("entities must be a non-empty dict of join key -> list of values")
        lengths = {}
        for column, values in entities.items():
            if isinstance(values, (str, bytes)) or not hasattr(values, "__iter__"):
                raise ValueError(f"entity column '{column}' must be a list of values, found {values!r}")
            values = list(values)
            lengths[column] = len(values)
            request.entities[column].val.extend(to_proto(v, column) for v in values)
        if len(set(lengths.values())) != 1:
            raise ValueError(f"entity columns differ in length: {lengths}")
        response = self._call(self._features.GetOnlineFeatures, request, timeout)
        return OnlineFeatures.from_response(response)

    def health(self, service="", timeout=None):
        """grpc.health.v1 Check: "SERVING", "NOT_SERVING" (e.g. the online store is unreachable), or "UNKNOWN".
        service "" is the whole server; an unknown service raises FeatureServingError with code NOT_FOUND."""
        response = self._call(self._health.Check, health_pb2.HealthCheckRequest(service=service), timeout)
        return health_pb2.HealthCheckResponse.ServingStatus.Name(response.status)

    def close(self):
        self._channel.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _call(self, method, request, timeout):
        try:
            return method(request, timeout=self.timeout if timeout is None else timeout, metadata=self._metadata)
        except grpc.RpcError as error:
            raise FeatureServingError.from_rpc_error(error) from None
