#!/usr/bin/python3
"""Consumes FuncFabric results from the AMQP 0-9-1 result queue exactly as the Globus Compute SDK's
Executor does (API.md "What the Globus Compute SDK (4.x) sends and needs"), with Debian's python3-pika.

1. GET /v2/get_amqp_result_connection_url -> {"queue_prefix", "connection_url"}
2. submit with "create_queue": true and a client-chosen task_group_id
3. basic_consume on <queue_prefix><task_group_id> (no declare: the service created it), each body a
   messagepack v1 Result: b"\\x01" + {"message_type": "result", "data": {...}}
4. another user's credential cannot consume that queue.

Environment: FF_BASE_URL, FF_TOKEN, FF_OTHER_TOKEN, FF_ENDPOINT_ID. Exit code 0 when every check passes.
"""
import base64
import json
import os
import sys
import time
import urllib.error
import urllib.request
import uuid

import pika

BASE = os.environ["FF_BASE_URL"].rstrip("/")
TOKEN = os.environ["FF_TOKEN"]
OTHER_TOKEN = os.environ["FF_OTHER_TOKEN"]
ENDPOINT = os.environ["FF_ENDPOINT_ID"]
DEADLINE_S = float(os.environ.get("FF_DEADLINE_S", "150"))

passed, failed = 0, 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print("PASS %s" % name)
    else:
        failed += 1
        print("FAIL %s %s" % (name, detail))


def call(method, path, body=None, token=TOKEN):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(BASE + path, data=data, method=method, headers={
        "Authorization": "Bearer " + token, "Accept": "application/json",
        "Content-Type": "application/json", "User-Agent": "funcfabric-amqp-results-test"})
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.status, json.loads(resp.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"null")


def pack(buffers):
    return "".join("%d\n%s" % (len(b), b) for b in buffers)


def json_args(*args):
    return pack(["11\n" + json.dumps(list(args)), "11\n" + json.dumps({})])


def register(name, code):
    status, doc = call("POST", "/v3/functions", {"function_name": name, "function_code": code})
    if status != 200:
        raise SystemExit("register %s: %s %s" % (name, status, doc))
    return doc["function_uuid"]


def decode(body):
    """The SDK's messagepack.unpack for protocol v1: one version byte, then the JSON envelope."""
    if body[:1] != b"\x01":
        raise ValueError("not a messagepack v1 message: %r" % body[:20])
    envelope = json.loads(body[1:].decode("utf-8"))
    if envelope.get("message_type") != "result":
        raise ValueError("not a Result: %r" % envelope.get("message_type"))
    return envelope["data"]


def consume(url, queue, expected):
    """basic_consume like the Executor's _ResultWatcher, ack after reading; returns task_id -> data."""
    got = {}
    connection = pika.BlockingConnection(pika.URLParameters(url))
    channel = connection.channel()
    channel.basic_qos(prefetch_count=10)

    def on_message(ch, deliver, props, body):
        res = decode(body)
        got[str(uuid.UUID(res["task_id"]))] = res
        ch.basic_ack(deliver.delivery_tag)

    channel.basic_consume(queue=queue, on_message_callback=on_message)
    end = time.monotonic() + DEADLINE_S
    while not set(expected) <= set(got) and time.monotonic() < end:
        connection.process_data_events(time_limit=1)
    channel.close()
    connection.close()
    return got


def main():
    status, access = call("GET", "/v2/get_amqp_result_connection_url")
    check("connection url answers 200", status == 200, access)
    prefix, url = access["queue_prefix"], access["connection_url"]
    check("connection_url is amqp://user:pw@host:port/vhost",
          url.startswith("amqp://") and "@" in url and url.count(":") >= 3, url)
    status, again = call("GET", "/v2/get_amqp_result_connection_url")
    check("the credential is stable", again == access)

    echo = register("echo", 'sh\n{"cmd": "echo hello {0}", "walltime": 30}')
    source = "def div0(x):\n    return x / 0\n"
    div0 = register("div0", "st\n" + base64.b64encode(("div0:" + source).encode()).decode() + "\n")

    group = str(uuid.uuid4())
    status, submitted = call("POST", "/v3/endpoints/%s/submit" % ENDPOINT, {
        "create_queue": True, "task_group_id": group,
        "tasks": {echo: [json_args(i) for i in range(3)], div0: [json_args(1)]},
        "user_runtime": {"python_version": sys.version.split()[0]},
    })
    check("submit with create_queue answers 200", status == 200, submitted)
    check("submit keeps the client's task_group_id", submitted.get("task_group_id") == group, submitted)
    echo_ids = submitted["tasks"][echo]
    div0_id = submitted["tasks"][div0][0]

    queue = prefix + group
    results = consume(url, queue, echo_ids + [div0_id])
    check("every result arrives on <queue_prefix><task_group_id>",
          set(echo_ids + [div0_id]) <= set(results), sorted(results))
    for i, tid in enumerate(echo_ids):
        res = results.get(tid, {})
        ok = (res.get("error_details") is None and res.get("data", "").startswith("11\n")
              and json.loads(res["data"][3:]).get("stdout", "").strip() == "hello %d" % i)
        check("result %d is the serialized buffer" % i, ok, res)
        check("result %d has the Result fields" % i,
              {"task_id", "data", "details", "error_details", "task_statuses"} <= set(res), res)
    res = results.get(div0_id, {})
    check("a failure carries error_details and the traceback as data",
          bool(res.get("error_details")) and "ZeroDivisionError" in res.get("data", "")
          and "ZeroDivisionError" in res["error_details"].get("user_message", ""), res)

    status, doc = call("GET", "/v2/tasks/%s" % echo_ids[0])
    check("the result stays readable over REST", status == 200 and doc.get("status") == "success", doc)

    status, other = call("GET", "/v2/get_amqp_result_connection_url", token=OTHER_TOKEN)
    check("another user gets another prefix and credential",
          status == 200 and other["queue_prefix"] != prefix and other["connection_url"] != url, other)
    refused = None
    try:
        connection = pika.BlockingConnection(pika.URLParameters(other["connection_url"]))
        try:
            channel = connection.channel()
            channel.basic_consume(queue=queue, on_message_callback=lambda *a: None)
            connection.process_data_events(time_limit=2)
        finally:
            if connection.is_open:
                connection.close()
    except (pika.exceptions.ChannelClosedByBroker, pika.exceptions.ConnectionClosedByBroker) as e:
        refused = e
    check("another user's credential cannot consume the queue",
          refused is not None and getattr(refused, "reply_code", None) == 403, repr(refused))

    user_info = url.split("//", 1)[1].split("@", 1)[0]
    bad_url = url.replace(user_info, user_info.split(":")[0] + ":not-the-password", 1)
    try:
        pika.BlockingConnection(pika.URLParameters(bad_url)).close()
        check("a wrong password is refused", False)
    except pika.exceptions.AMQPConnectionError:
        check("a wrong password is refused", True)

    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
