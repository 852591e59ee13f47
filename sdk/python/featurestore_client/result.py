"""The reply of GetOnlineFeatures, row by row in plain Python types."""
from dataclasses import dataclass

from ._generated import serving_pb2
from .values import from_proto, to_datetime

_STATUS_PREFIX = "FIELD_STATUS_"


@dataclass(frozen=True)
class OnlineFeatures:
    """One entry per entity row, in request order; each a dict keyed by feature name (in feature_names order).

    rows: feature -> value (None unless the status is PRESENT). statuses: feature -> "PRESENT", "NULL_VALUE",
    "MISSING" or "OUTSIDE_TTL" (the words of training-set manifests). event_timestamps: feature -> UTC datetime of the
    stored value (also when it is too old), None when MISSING.
    """

    feature_names: list
    rows: list
    statuses: list
    event_timestamps: list

    @classmethod
    def from_response(cls, response):
        names = list(response.metadata.feature_names.val)
        if len(response.results) != len(names):
            raise ValueError(f"reply has {len(response.results)} feature vectors for {len(names)} feature names")
        row_count = len(response.results[0].values) if names else 0
        rows = [{} for _ in range(row_count)]
        statuses = [{} for _ in range(row_count)]
        times = [{} for _ in range(row_count)]
        for name, vector in zip(names, response.results):
            if not len(vector.values) == len(vector.statuses) == len(vector.event_timestamps) == row_count:
                raise ValueError(f"reply vector of '{name}' has {len(vector.values)} values, {len(vector.statuses)} statuses and "
                                 f"{len(vector.event_timestamps)} event times for {row_count} rows")
            for row, (value, status, time) in enumerate(zip(vector.values, vector.statuses, vector.event_timestamps)):
                status_name = serving_pb2.FieldStatus.Name(status)[len(_STATUS_PREFIX):]
                rows[row][name] = from_proto(value)
                statuses[row][name] = status_name
                times[row][name] = None if status_name == "MISSING" else to_datetime(time)
        return cls(names, rows, statuses, times)
