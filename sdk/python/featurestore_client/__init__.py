"""Python client of the feature server (featurestore.serving.v1.FeatureServing) for model servers.

    from featurestore_client import FeatureServingClient
    with FeatureServingClient("127.0.0.1:6566", timeout=0.5) as client:
        result = client.get_online_features(feature_service="ride_ranking", entities={"driver_id": [1001, 1002]})
"""
from .stubs import ensure as _ensure_stubs

_ensure_stubs()

from .client import FeatureServingClient  # noqa: E402
from .errors import FeatureServingError  # noqa: E402
from .result import OnlineFeatures  # noqa: E402

__all__ = ["FeatureServingClient", "FeatureServingError", "OnlineFeatures"]
