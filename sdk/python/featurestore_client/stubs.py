"""Generates the gRPC stubs from protos/ with Debian's protoc and grpc_python_plugin.

    /usr/bin/python3 featurestore_client/stubs.py [PROTOS_DIR]     (what generate_stubs.sh runs)

writes featurestore_client/_generated/ (git-ignored). Importing the package does the same when the folder is missing.
The generated modules are flattened into that folder with package-relative imports, so neither the top-level name
'featurestore' nor 'grpc.health' (which would shadow grpcio's own 'grpc' package) lands on sys.path.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))
GENERATED_DIR = os.path.join(PACKAGE_DIR, "_generated")
DEFAULT_PROTOS = os.path.normpath(os.path.join(PACKAGE_DIR, "..", "..", "..", "protos"))
PROTOC = "/usr/bin/protoc"
PLUGIN = "/usr/bin/grpc_python_plugin"
WELL_KNOWN = "/usr/include"  # google/protobuf/timestamp.proto (Debian libprotobuf-dev)
PROTO_FILES = ["featurestore/serving/v1/serving.proto", "grpc/health/v1/health.proto"]
_OWN_PB2_IMPORT = re.compile(r"^from (?:featurestore\.serving\.v1|grpc\.health\.v1) import (\w+_pb2) as ", re.MULTILINE)


def generate(protos_dir=DEFAULT_PROTOS, out_dir=GENERATED_DIR):
    """Compiles the protos into out_dir (replacing it); raises RuntimeError naming what is missing or what failed."""
    for tool in (PROTOC, PLUGIN, os.path.join(WELL_KNOWN, "google", "protobuf", "timestamp.proto")):
        if not os.path.exists(tool):
            raise RuntimeError(f"{tool} is missing: apt-get install protobuf-compiler protobuf-compiler-grpc libprotobuf-dev")
    for proto in PROTO_FILES:
        if not os.path.isfile(os.path.join(protos_dir, proto)):
            raise RuntimeError(f"{proto} not found under {protos_dir}: pass the repository's protos/ folder")
    with tempfile.TemporaryDirectory(prefix="featurestore-stubs-") as work:
        result = subprocess.run(
            [PROTOC, f"-I{protos_dir}", f"-I{WELL_KNOWN}", f"--python_out={work}", f"--grpc_python_out={work}",
             f"--plugin=protoc-gen-grpc_python={PLUGIN}", *PROTO_FILES],
            capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError(f"protoc failed on {protos_dir}: {result.stderr.strip()}")
        staging = tempfile.mkdtemp(prefix="_generated-", dir=os.path.dirname(out_dir))
        for proto in PROTO_FILES:
            base = os.path.splitext(proto)[0]
            for suffix in ("_pb2.py", "_pb2_grpc.py"):
                with open(os.path.join(work, base + suffix), encoding="utf-8") as source:
                    text = _OWN_PB2_IMPORT.sub(r"from . import \1 as ", source.read())
                with open(os.path.join(staging, os.path.basename(base) + suffix), "w", encoding="utf-8") as target:
                    target.write(text)
        open(os.path.join(staging, "__init__.py"), "w").close()
        shutil.rmtree(out_dir, ignore_errors=True)
        os.replace(staging, out_dir)  # a concurrent importer sees the old folder or the complete new one
    return out_dir


def ensure():
    """Generates the stubs when the package has none, or when it sits in the repository and a proto is newer."""
    marker = os.path.join(GENERATED_DIR, "__init__.py")
    if not os.path.isfile(marker):
        generate()
        return
    built = os.path.getmtime(marker)
    protos = [os.path.join(DEFAULT_PROTOS, proto) for proto in PROTO_FILES]
    if any(os.path.isfile(proto) and os.path.getmtime(proto) > built for proto in protos):
        generate()


if __name__ == "__main__":
    try:
        print(generate(*(sys.argv[1:2] or [DEFAULT_PROTOS])))
    except RuntimeError as error:
        sys.exit(f"error: {error}")
