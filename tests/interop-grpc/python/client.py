"""An independent gRPC client (grpcio, the C-core implementation) for the feature server's interop tests.

    /usr/bin/python3 client.py HOST:PORT SCENARIO   -> prints one JSON line: {"ok": true, ...} or {"ok": false, "code": N, "details": "..."}

Stubs are generated at run time into a temporary folder with Debian's protoc and grpc_python_plugin.
"""
import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
PROTOS = os.path.normpath(os.path.join(HERE, "..", "..", "..", "protos"))


def generate_stubs():
    out = tempfile.mkdtemp(prefix="fs-grpc-py-")
    atexit.register(shutil.rmtree, out, True)
    # health.proto is compiled from a copy under another folder name: its natural module path 'grpc.health.v1'
    # would shadow grpcio's own 'grpc' package.
    health_src = os.path.join(out, "src", "fs_health")
    os.makedirs(health_src)
    shutil.copy(os.path.join(PROTOS, "grpc", "health", "v1", "health.proto"), os.path.join(health_src, "health.proto"))
    plugin = "--plugin=protoc-gen-grpc_python=/usr/bin/grpc_python_plugin"
    subprocess.run(["protoc", f"-I{PROTOS}", "-I/usr/include", f"--python_out={out}", f"--grpc_python_out={out}", plugin,
                    "featurestore/serving/v1/serving.proto"], check=True)
    subprocess.run(["protoc", f"-I{os.path.join(out, 'src')}", f"--python_out={out}", f"--grpc_python_out={out}", plugin,
                    "fs_health/health.proto"], check=True)
    for package in ["featurestore", "featurestore/serving", "featurestore/serving/v1", "fs_health"]:
        open(os.path.join(out, package, "__init__.py"), "a").close()
    return out


import grpc  # noqa: E402  (Debian's grpcio)

sys.path.insert(0, generate_stubs())
from featurestore.serving.v1 import serving_pb2, serving_pb2_grpc  # noqa: E402
from fs_health import health_pb2, health_pb2_grpc  # noqa: E402


def int64s(*values):
    return serving_pb2.RepeatedValue(val=[serving_pb2.Value(int64_val=v) for v in values])


def strings(*values):
    return serving_pb2.RepeatedValue(val=[serving_pb2.Value(string_val=v) for v in values])


def call(method, request, timeout=5.0, compression=None, metadata=None):
    try:
        return {"ok": True, "response": method(request, timeout=timeout, compression=compression, metadata=metadata)}
    except grpc.RpcError as error:
        return {"ok": False, "code": error.code().value[0], "details": error.details()}


def flatten(reply):
    if not reply["ok"]:
        return reply
    response = reply["response"]

    def text(value):
        kind = value.WhichOneof("val")
        return None if kind is None else str(getattr(value, kind))

    return {
        "ok": True,
        "names": list(response.metadata.feature_names.val),
        "values": [[text(v) for v in r.values] for r in response.results],
        "statuses": [[serving_pb2.FieldStatus.Name(s) for s in r.statuses] for r in response.results],
        "eventSeconds": [[t.seconds for t in r.event_timestamps] for r in response.results],
    }


def main():
    address, scenario = sys.argv[1], sys.argv[2]
    with grpc.insecure_channel(address) as channel:
        features = serving_pb2_grpc.FeatureServingStub(channel)
        health = health_pb2_grpc.HealthStub(channel)
        one_driver = {"driver_id": int64s(1001)}
        trips = serving_pb2.FeatureList(val=["driver_stats:trips"])
        ride_ranking = serving_pb2.GetOnlineFeaturesRequest(
            feature_service="ride_ranking", entities={"driver_id": int64s(1001, 1002, 77), "customer_id": strings("c1", "c1", "c1")})
        if scenario == "success":
            result = flatten(call(features.GetOnlineFeatures, ride_ranking))
        elif scenario == "gzip":
            # The same read plain and gzip-compressed; grpcio shows no wire encoding, so only the values are compared.
            plain = flatten(call(features.GetOnlineFeatures, ride_ranking))
            gzip = flatten(call(features.GetOnlineFeatures, ride_ranking, compression=grpc.Compression.Gzip))
            result = {"ok": True, "plain": plain, "gzip": gzip} if plain["ok"] and gzip["ok"] else (gzip if plain["ok"] else plain)
        elif scenario == "fullNames":
            result = flatten(call(features.GetOnlineFeatures, serving_pb2.GetOnlineFeaturesRequest(
                features=serving_pb2.FeatureList(val=["driver_stats:trips", "customer_profile:trips"]),
                entities={"driver_id": int64s(1001), "customer_id": strings("c1")},
                full_feature_names=True)))
        elif scenario == "notFound":
            result = call(features.GetOnlineFeatures, serving_pb2.GetOnlineFeaturesRequest(feature_service="café_service", entities=one_driver))
        elif scenario == "invalidArgument":
            result = call(features.GetOnlineFeatures, serving_pb2.GetOnlineFeaturesRequest(features=trips, entities={"driver_id": strings("not-a-number")}))
        elif scenario == "deadline":
            result = call(features.GetOnlineFeatures, serving_pb2.GetOnlineFeaturesRequest(features=trips, entities=one_driver), timeout=0.3)
        elif scenario == "unavailable":
            result = call(features.GetOnlineFeatures, serving_pb2.GetOnlineFeaturesRequest(features=trips, entities=one_driver))
        elif scenario.startswith("auth:"):
            # auth:VIEW:FEATURE, driver 1001, with the key in FEATURESTORE_API_KEY (none when unset) as bearer metadata.
            key = os.environ.get("FEATURESTORE_API_KEY")
            metadata = (("authorization", f"Bearer {key}"),) if key else None
            request = serving_pb2.GetOnlineFeaturesRequest(
                features=serving_pb2.FeatureList(val=[scenario[len("auth:"):]]), entities=one_driver)
            result = flatten(call(features.GetOnlineFeatures, request, metadata=metadata))
        elif scenario == "unimplemented":
            nope = channel.unary_unary("/featurestore.serving.v1.FeatureServing/Nope", request_serializer=lambda x: x, response_deserializer=lambda x: x)
            result = call(nope, b"")
            result.pop("response", None)
        elif scenario == "health":
            whole = call(health.Check, health_pb2.HealthCheckRequest(service=""))
            service = call(health.Check, health_pb2.HealthCheckRequest(service="featurestore.serving.v1.FeatureServing"))
            unknown = call(health.Check, health_pb2.HealthCheckRequest(service="no.such.Service"))
            name = health_pb2.HealthCheckResponse.ServingStatus.Name
            result = {
                "ok": True,
                "whole": name(whole["response"].status) if whole["ok"] else None,
                "service": name(service["response"].status) if service["ok"] else None,
                "unknownCode": unknown.get("code"),
            }
        else:
            result = {"ok": False, "code": -1, "details": f"unknown scenario {scenario}"}
        if "response" in result:
            result.pop("response")
        print(json.dumps(result))


if __name__ == "__main__":
    main()
