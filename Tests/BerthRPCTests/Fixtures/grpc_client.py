"""Calls a Berth test server over its Unix socket with Debian's grpcio, no stubs.

usage: grpc_client.py SOCKET PB2_DIR
PB2_DIR holds health_pb2.py generated at test time by protoc. Prints one JSON object with each call's result
(the response, or the gRPC status code name).
"""
import json
import os
import sys

socket_path, pb2_dir = sys.argv[1], sys.argv[2]
sys.path.insert(0, pb2_dir)

import grpc  # noqa: E402
import health_pb2  # noqa: E402
from google.protobuf.wrappers_pb2 import BytesValue  # noqa: E402  (field 1 bytes, like the test EchoMessage)

results = {"uid": os.getuid(), "pid": os.getpid()}


def attempt(name, fn):
    try:
        results[name] = fn()
    except grpc.RpcError as error:
        results[name] = error.code().name
        results[name + ".details"] = error.details()


with grpc.insecure_channel("unix://" + socket_path) as channel:
    check = channel.unary_unary(
        "/grpc.health.v1.Health/Check",
        request_serializer=health_pb2.HealthCheckRequest.SerializeToString,
        response_deserializer=health_pb2.HealthCheckResponse.FromString,
    )
    status_name = health_pb2.HealthCheckResponse.ServingStatus.Name
    for service in ["", "berth.testing.v1.Echo", "nope"]:
        attempt(
            "health:" + service,
            lambda: status_name(check(health_pb2.HealthCheckRequest(service=service), timeout=5).status),
        )

    def bytes_method(name):
        return channel.unary_unary(
            "/berth.testing.v1.Echo/" + name,
            request_serializer=BytesValue.SerializeToString,
            response_deserializer=BytesValue.FromString,
        )

    attempt("echo", lambda: bytes_method("Echo")(BytesValue(value=b"hello from python"), timeout=5).value.decode())
    attempt("whoami", lambda: bytes_method("WhoAmI")(BytesValue(value=b"?"), timeout=5).value.decode())
    attempt("write", lambda: bytes_method("Write")(BytesValue(value=b"change"), timeout=5).value.decode())

print(json.dumps(results))
