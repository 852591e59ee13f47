"""A stock grpcio client pushing rows with PushFeatures (stubs generated as in client.py).

    /usr/bin/python3 push_client.py HOST:PORT VIEW DRIVER_ID   -> prints one JSON line:
    {"push": {...counts}, "read": {"conv_rate": ..., "trips": ..., "status": ...}, "bad": {"code": N, "details": "..."}}
"""
import json
import sys
import time

import grpc  # Debian's grpcio

from client import serving_pb2, serving_pb2_grpc  # generates the stubs into a temp folder


def row(driver_id, trips):
    event_time = serving_pb2.Value()
    event_time.timestamp_val.FromSeconds(int(time.time()) - 60)
    return serving_pb2.PushRow(columns={
        "driver_id": serving_pb2.Value(int64_val=driver_id),
        "event_timestamp": event_time,
        "conv_rate": serving_pb2.Value(float_val=0.25),
        "trips": trips,
        "city": serving_pb2.Value(string_val="Nice"),
    })


def main():
    address, view, driver_id = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with grpc.insecure_channel(address) as channel:
        stub = serving_pb2_grpc.FeatureServingStub(channel)
        pushed = stub.PushFeatures(serving_pb2.PushFeaturesRequest(
            feature_view=view, rows=[row(driver_id, serving_pb2.Value(int64_val=6))]), timeout=10)
        reply = stub.GetOnlineFeatures(serving_pb2.GetOnlineFeaturesRequest(
            features=serving_pb2.FeatureList(val=[f"{view}:conv_rate", f"{view}:trips"]),
            entities={"driver_id": serving_pb2.RepeatedValue(val=[serving_pb2.Value(int64_val=driver_id)])}), timeout=10)
        try:
            stub.PushFeatures(serving_pb2.PushFeaturesRequest(
                feature_view=view, rows=[row(driver_id + 1, serving_pb2.Value(string_val="six"))]), timeout=10)
            bad = {"code": 0, "details": ""}
        except grpc.RpcError as error:
            bad = {"code": error.code().value[0], "details": error.details()}
    print(json.dumps({
        "push": {"accepted": pushed.accepted, "written_online": pushed.written_online,
                 "skipped_older": pushed.skipped_older, "late": pushed.late},
        "read": {"conv_rate": reply.results[0].values[0].float_val, "trips": reply.results[1].values[0].int64_val,
                 "status": serving_pb2.FieldStatus.Name(reply.results[1].statuses[0])},
        "bad": bad,
    }))


if __name__ == "__main__":
    main()
