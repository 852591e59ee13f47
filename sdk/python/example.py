"""Prints a few features from a running feature server.

    FEATURESTORE_API_KEY=fsk_... /usr/bin/python3 sdk/python/example.py [HOST:PORT] [--feature-service NAME] [--driver-id ID ...]

Defaults fit the sample repo of `featurestore init` / `quickstart`: feature service driver_ranking, drivers 1001 and 1002.
A server with `auth: {required: true}` needs an API key: the client sends FEATURESTORE_API_KEY (or api_key=...) as the
gRPC metadata `authorization: Bearer <key>` on every call. With a bare grpcio stub the same metadata is passed per call:

    stub.GetOnlineFeatures(request, timeout=0.5, metadata=(("authorization", "Bearer " + key),))
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from featurestore_client import FeatureServingClient, FeatureServingError  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("address", nargs="?", default="127.0.0.1:6566")
    parser.add_argument("--feature-service", default="driver_ranking")
    parser.add_argument("--driver-id", type=int, nargs="+", default=[1001, 1002])
    parser.add_argument("--timeout", type=float, default=0.5, help="deadline per call, seconds")
    args = parser.parse_args()
    # api_key defaults to the FEATURESTORE_API_KEY environment variable; it is sent, never printed.
    with FeatureServingClient(args.address, timeout=args.timeout, api_key=os.environ.get("FEATURESTORE_API_KEY")) as client:
        try:
            print(f"health: {client.health()}")
            result = client.get_online_features(feature_service=args.feature_service, entities={"driver_id": args.driver_id})
        except FeatureServingError as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
        for driver, row, statuses, times in zip(args.driver_id, result.rows, result.statuses, result.event_timestamps):
            print(f"driver_id={driver}")
            for name in result.feature_names:
                at = times[name].isoformat() if times[name] else "-"
                print(f"  {name:<20} {statuses[name]:<16} {at:<26} {row[name]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
