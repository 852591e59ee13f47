"""Drives featurestore_client against a running test server (tests/FeatureStore.Serving.Tests/PythonClientTests.cs).

    /usr/bin/python3 tests/check_client.py HOST:PORT [up|down|auth]   -> one JSON line with what each scenario returned

up (default): a healthy server. down: its online store is unreachable. auth: a server with keys required (the access
test repo), the key in FEATURESTORE_API_KEY granted driver_pii up to personal.
"""
import datetime
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from featurestore_client import FeatureServingClient, FeatureServingError  # noqa: E402


def plain(value):
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    raise TypeError(type(value).__name__)


def kinds(table):
    """The Python type of every cell, with the time zone for datetimes: e.g. "datetime/UTC", "float", "NoneType"."""
    def kind(v):
        return f"datetime/{v.tzname()}" if isinstance(v, datetime.datetime) else type(v).__name__
    return [{name: kind(v) for name, v in row.items()} for row in table]


def error_of(call):
    try:
        call()
        return {"raised": False}
    except FeatureServingError as error:
        return {"raised": True, "code": error.code, "details": error.details, "message": str(error)}
    except (ValueError, TypeError) as error:
        return {"raised": True, "local": type(error).__name__, "message": str(error)}


def down(address):
    with FeatureServingClient(address, timeout=5, max_retries=1) as client:
        return {
            "health": client.health(),
            "read": error_of(lambda: client.get_online_features(features=["driver_stats:trips"], entities={"driver_id": [1001]})),
        }


def auth(address):
    one_driver = {"driver_id": [1001]}
    with FeatureServingClient(address, timeout=5, max_retries=0) as client:  # the key from FEATURESTORE_API_KEY
        out = {
            "health": client.health(),
            "allowed": client.get_online_features(features=["driver_pii:home_city"], entities=one_driver).rows[0],
            "denied": error_of(lambda: client.get_online_features(features=["driver_pii:credit_score"], entities=one_driver)),
        }
    with FeatureServingClient(address, timeout=5, max_retries=0, api_key="") as anonymous:
        out["noKey"] = error_of(lambda: anonymous.get_online_features(features=["driver_pii:rating"], entities=one_driver))
        out["noKeyHealth"] = anonymous.health()
    out["badKeyArgument"] = error_of(lambda: FeatureServingClient(address, api_key="two words"))
    return out


def main():
    address = sys.argv[1]
    if sys.argv[2:] == ["down"]:
        print(json.dumps(down(address)))
        return
    if sys.argv[2:] == ["auth"]:
        print(json.dumps(auth(address)))
        return
    out = {}
    with FeatureServingClient(address, timeout=5) as client:
        out["health"] = client.health()
        out["healthUnknownService"] = error_of(lambda: client.health(service="no.such.Service"))
        ranking = client.get_online_features(
            feature_service="ride_ranking",
            entities={"driver_id": [1001, 1002, 1003, 77], "customer_id": ["c1", "c1", "c1", "c1"]})
        out["ranking"] = {
            "names": ranking.feature_names, "rows": ranking.rows, "statuses": ranking.statuses,
            "eventTimes": ranking.event_timestamps, "valueKinds": kinds(ranking.rows), "eventTimeKinds": kinds(ranking.event_timestamps),
        }
        full = client.get_online_features(
            features=["driver_stats:city", "customer_profile:embedding"],
            entities={"driver_id": [1003, 1001], "customer_id": ["c1", "c1"]}, full_feature_names=True)
        out["fullNames"] = {"names": full.feature_names, "rows": full.rows, "statuses": full.statuses, "valueKinds": kinds(full.rows)}
        out["notFound"] = error_of(lambda: client.get_online_features(feature_service="café_service", entities={"driver_id": [1001]}))
        out["invalidArgument"] = error_of(lambda: client.get_online_features(features=["driver_stats:trips"], entities={"driver_id": ["x"]}))
        out["unevenColumns"] = error_of(lambda: client.get_online_features(
            features=["driver_stats:trips"], entities={"driver_id": [1001, 1002], "customer_id": ["c1"]}))
        out["badKeyType"] = error_of(lambda: client.get_online_features(features=["driver_stats:trips"], entities={"driver_id": [1.5]}))
    with FeatureServingClient(address, timeout=5, gzip=True) as client:
        gzip = client.get_online_features(features=["driver_stats:trips"], entities={"driver_id": [1001]})
        out["gzip"] = {"rows": gzip.rows, "statuses": gzip.statuses}
    print(json.dumps(out, default=plain, ensure_ascii=False))


if __name__ == "__main__":
    main()
