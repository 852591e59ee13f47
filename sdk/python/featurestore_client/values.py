"""Conversion between Python values and featurestore.serving.v1.Value."""
import datetime

from ._generated import serving_pb2

_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


def to_datetime(timestamp):
    """A google.protobuf.Timestamp as an aware UTC datetime (microsecond precision)."""
    return _EPOCH + datetime.timedelta(seconds=timestamp.seconds, microseconds=timestamp.nanos // 1000)


def from_proto(value):
    """A Value as int, float, bool, str, bytes, UTC datetime, list of float, or None when no kind is set."""
    kind = value.WhichOneof("val")
    if kind is None:
        return None
    if kind == "timestamp_val":
        return to_datetime(value.timestamp_val)
    if kind in ("float_list_val", "double_list_val"):
        return list(getattr(value, kind).val)
    return getattr(value, kind)


def to_proto(value, column):
    """An entity key value: int -> int64, str -> string, bytes -> bytes. Other types are rejected naming the column."""
    if isinstance(value, bool) or not isinstance(value, (int, str, bytes)):
        raise TypeError(f"entity column '{column}': {value!r} is a {type(value).__name__}; join keys are int, str or bytes")
    if isinstance(value, int):
        if not -(1 << 63) <= value < (1 << 63):
            raise ValueError(f"entity column '{column}': {value} does not fit in int64")
        return serving_pb2.Value(int64_val=value)
    if isinstance(value, str):
        return serving_pb2.Value(string_val=value)
    return serving_pb2.Value(bytes_val=value)
