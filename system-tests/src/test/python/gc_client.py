#!/usr/bin/python3
"""A Globus Compute client in miniature: speaks API.md's wire format the way the Globus Compute SDK
4.x does, with nothing but Debian's python3-requests and python3-dill.

Functions are defined here, in __main__ (a closure, a decorated and type-annotated function, keyword
arguments), serialized as the SDK serializes them (`01` dill, `12` combination of `st`, `sd`, `01`),
and sent packed; arguments go as `00` (dill), `11` (JSON) and `13` (combination). Results come back
as the SDK reads them: GET /v2/tasks/{id}, POST /v2/batch_status, `00` decoded with dill.

    gc_client.py --base-url URL --token TOKEN --endpoint-id UUID [--deadline SECONDS]

(or FF_BASE_URL, FF_TOKEN, FF_ENDPOINT_ID). Prints PASS/FAIL per check and `N passed, M failed`
last; exits 1 when a check failed, 2 when it could not run at all.
"""

import argparse
import codecs
import functools
import inspect
import json
import os
import sys
import time
import traceback
import uuid

import dill
import dill.source
import requests

TERMINAL = ("success", "failed")
JSON_RESULTS = "globus_compute_sdk.serialize.JSONData"
SDK_VERSION = "4.0.0"


# --- the SDK's buffers --------------------------------------------------------------------------

def pack(buffers):
    return "".join("%d\n%s" % (len(b), b) for b in buffers)


def unpack(packed):
    out = []
    while packed:
        length, _, rest = packed.partition("\n")
        n = int(length)
        out.append(rest[:n])
        packed = rest[n:]
    return out


def b64(data):
    # codecs "base64" makes 76-character lines, as the SDK's encoders do.
    return codecs.encode(data, "base64").decode()


# data strategies
def ser_dill(obj):
    return "00\n" + b64(dill.dumps(obj))


def ser_json(obj):
    return "11\n" + json.dumps(obj)


def ser_all_data(obj):
    """`13`: every data strategy that can encode obj, JSON first (the SDK's ComboSerializer)."""
    return "13\n" + pack(_each_success([ser_json, ser_dill], obj))


def deserialize_data(buffer):
    header, body = buffer[:3], buffer[3:]
    if header == "00\n":
        return dill.loads(codecs.decode(body.encode(), "base64"))
    if header == "11\n":
        return json.loads(body)
    if header == "13\n":
        return deserialize_data(unpack(body)[0])
    raise ValueError("unknown data header %r" % header[:2])


# code strategies
def ser_code_dill(fn):
    return "01\n" + b64(dill.dumps(fn))


def ser_code_text_inspect(fn):
    return "st\n" + b64((fn.__name__ + ":" + inspect.getsource(fn)).encode())


def ser_code_dill_source(fn):
    return "sd\n" + b64((fn.__name__ + ":" + dill.source.getsource(fn, lstrip=True)).encode())


def ser_all_code(fn):
    """`12`: st, sd and 01, each that can encode fn, packed (the SDK's default code strategy)."""
    return "12\n" + pack(_each_success([ser_code_text_inspect, ser_code_dill_source, ser_code_dill], fn))


def _each_success(serializers, obj):
    out = []
    for ser in serializers:
        try:
            out.append(ser(obj))
        except Exception:  # noqa: BLE001 - a combination keeps whichever encodings work
            continue
    if not out:
        raise ValueError("no strategy could serialize %r" % (obj,))
    return out


def payload(args, kwargs, ser):
    return pack([ser(tuple(args)), ser(dict(kwargs))])


# --- functions defined in __main__ ----------------------------------------------------------------

def add(a, b=0):
    return a + b


def make_adder(offset):
    def adder(x):
        return x + offset  # offset comes from the closure

    return adder


def times_ten(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return 10 * fn(*args, **kwargs)

    return wrapper


@times_ten
def scaled(x: int, *, bonus: int = 0) -> int:
    return x + bonus


def greet(name, *, greeting="hello", **extra):
    return {"text": "%s %s" % (greeting, name), "extra": sorted(extra)}


def divide(a, b):
    return a / b


# --- checks ---------------------------------------------------------------------------------------

class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
            print("PASS %s" % name, flush=True)
        else:
            self.failed += 1
            print("FAIL %s%s" % (name, ": " + detail if detail else ""), flush=True)
        return ok

    def run(self, name, fn):
        """Runs a check that raises on failure (an AssertionError or any surprise)."""
        try:
            fn()
        except Exception as e:  # noqa: BLE001 - any error is this check's failure
            detail = "%s: %s" % (type(e).__name__, e)
            if not isinstance(e, AssertionError):
                detail += "\n" + traceback.format_exc()
            return self.check(name, False, detail)
        return self.check(name, True)


class Service:
    """The REST calls the SDK's web client makes."""

    def __init__(self, base_url, token, deadline):
        self.base = base_url.rstrip("/")
        self.deadline = deadline
        self.http = requests.Session()
        self.http.headers.update({
            "Authorization": "Bearer " + token,
            "Accept": "application/json",
            "User-Agent": "globus-compute-sdk-%s (funcfabric wire-format test client)" % SDK_VERSION,
        })

    def call(self, method, path, body=None, expect=200):
        r = self.http.request(method, self.base + path, json=body, timeout=60)
        if expect is not None and r.status_code != expect:
            raise AssertionError("%s %s -> %d, expected %d: %s" % (method, path, r.status_code, expect, r.text[:500]))
        return r

    def json(self, method, path, body=None, expect=200):
        return self.call(method, path, body, expect).json()

    def register(self, fn, serializer, route="/v3/functions"):
        code = serializer(fn)
        doc = self.json("POST", route, {
            "function_name": fn.__name__,
            "function_code": pack([code]),
            "description": "registered by gc_client.py",
            "meta": {"python_version": "%d.%d.%d" % sys.version_info[:3], "sdk_version": SDK_VERSION,
                     "serde_identifier": code[:2]},
        })
        return doc["function_uuid"]

    def await_terminal(self, task_ids):
        """Polls batch_status, as the SDK's Client does, until every task ended; docs by id."""
        done = {}
        while True:
            pending = [t for t in task_ids if t not in done]
            if not pending:
                return done
            for i in range(0, len(pending), 500):
                doc = self.json("POST", "/v2/batch_status", {"task_ids": pending[i:i + 500]})
                assert doc.get("response") == "batch", "batch_status response: %r" % doc.get("response")
                for tid, task in doc["results"].items():
                    if task.get("status") in TERMINAL:
                        done[tid] = task
            if time.monotonic() > self.deadline:
                raise AssertionError("%d of %d tasks not done by the deadline, e.g. %s" % (
                    len(pending), len(task_ids), self.call("GET", "/v2/tasks/" + pending[0], expect=None).text[:300]))
            time.sleep(0.25)


def result_of(task):
    assert task["status"] == "success", "task %s %s: %s" % (task.get("task_id"), task["status"],
                                                             (task.get("exception") or "")[-400:])
    return deserialize_data(task["result"])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", default=os.environ.get("FF_BASE_URL"))
    parser.add_argument("--token", default=os.environ.get("FF_TOKEN"))
    parser.add_argument("--endpoint-id", default=os.environ.get("FF_ENDPOINT_ID"))
    parser.add_argument("--deadline", type=float, default=float(os.environ.get("FF_DEADLINE", "240")),
                        help="seconds for the whole run")
    opts = parser.parse_args()
    if not (opts.base_url and opts.token and opts.endpoint_id):
        parser.error("--base-url, --token and --endpoint-id (or FF_BASE_URL, FF_TOKEN, FF_ENDPOINT_ID) are required")

    started = time.monotonic()
    svc = Service(opts.base_url, opts.token, started + opts.deadline)
    ep = opts.endpoint_id
    checks = Checks()
    print("Python %s, dill %s, requests %s; service %s, endpoint %s" % (
        sys.version.split()[0], dill.__version__, requests.__version__, opts.base_url, ep), flush=True)

    # --- version, as the SDK's version check reads it
    def version():
        assert svc.json("GET", "/v2/version") == "1.0.0"
        doc = svc.json("GET", "/v2/version?service=all")
        for key in ("api", "min_sdk_version", "min_ep_version"):
            assert isinstance(doc.get(key), str) and doc[key], "%s missing in %r" % (key, doc)
    checks.run("version service=all has min_sdk_version and min_ep_version", version)

    # --- register functions from __main__
    fns = {}

    def register():
        fns["add"] = svc.register(add, ser_code_dill)
        fns["adder"] = svc.register(make_adder(1000), ser_code_dill)
        fns["scaled"] = svc.register(scaled, ser_all_code)
        fns["greet"] = svc.register(greet, ser_all_code)
        fns["divide"] = svc.register(divide, ser_all_code)
        doc = svc.json("GET", "/v2/functions/" + fns["scaled"])
        assert doc["function_uuid"] == fns["scaled"] and doc["function_name"] == "scaled", doc
        assert doc["function_code"].split("\n", 1)[1].startswith("12\n"), doc["function_code"][:40]
    if not checks.run("register 01 and 12 functions (closure, decorated + annotated, kwargs) packed", register):
        return finish(checks, started)

    # --- a batch of 100 in one submit: every function, args as 00, 11 and 13
    data_sers = [ser_dill, ser_json, ser_all_data]
    cases = []  # (function key, payload, expected result)
    for i in range(100):
        ser = data_sers[i % 3]
        kind = i % 4
        if kind == 0:
            cases.append(("add", payload([i], {"b": 1}, ser), i + 1))
        elif kind == 1:
            cases.append(("adder", payload([i], {}, ser), i + 1000))
        elif kind == 2:
            cases.append(("scaled", payload([i], {"bonus": 2}, ser), 10 * (i + 2)))
        else:
            cases.append(("greet", payload(["n%d" % i], {"greeting": "hi", "z": 1, "a": 2}, ser),
                          {"text": "hi n%d" % i, "extra": ["a", "z"]}))
    batch = {}

    def submit_batch():
        tasks = {}
        for key, pl, _ in cases:
            tasks.setdefault(fns[key], []).append(pl)
        doc = svc.json("POST", "/v3/endpoints/%s/submit" % ep, {
            "create_queue": False, "tasks": tasks,
            "user_runtime": {"python_version": sys.version.split()[0], "globus_compute_sdk_version": SDK_VERSION},
        })
        for key in ("request_id", "task_group_id", "endpoint_id", "tasks"):
            assert key in doc, "%s missing in the submit answer %r" % (key, list(doc))
        assert doc["endpoint_id"] == ep, doc["endpoint_id"]
        cursor = {fid: iter(doc["tasks"][fid]) for fid in tasks}
        assert all(len(doc["tasks"][fid]) == len(tasks[fid]) for fid in tasks), "one task id per payload"
        batch["group"] = doc["task_group_id"]
        batch["ids"] = [next(cursor[fns[key]]) for key, _, _ in cases]
        for tid in batch["ids"] + [doc["request_id"], doc["task_group_id"]]:
            uuid.UUID(tid)
    if not checks.run("submit a batch of 100 through /v3/endpoints/{ep}/submit", submit_batch):
        return finish(checks, started)

    def batch_results():
        t0 = time.monotonic()
        docs = svc.await_terminal(batch["ids"])
        wrong = []
        for (key, _, expected), tid in zip(cases, batch["ids"]):
            got = result_of(docs[tid])
            if got != expected:
                wrong.append("%s: %r != %r" % (key, got, expected))
        assert not wrong, "%d wrong results, e.g. %s" % (len(wrong), wrong[:3])
        print("  100 tasks done %.1f s after submit" % (time.monotonic() - t0), flush=True)
    checks.run("batch of 100: every result right via batch_status (00 results decoded with dill)", batch_results)

    def task_document():
        tid = batch["ids"][2]
        doc = svc.json("GET", "/v2/tasks/" + tid)
        assert doc["task_id"] == tid, doc
        assert doc["status"] == "success" and result_of(doc) == cases[2][2], doc
        assert isinstance(doc["completion_t"], str) and float(doc["completion_t"]) > 0, doc.get("completion_t")
        assert doc["result"].startswith("00\n"), doc["result"][:10]
    checks.run("GET /v2/tasks/{id}: task_id, status, 00 result, completion_t string", task_document)

    def taskgroup():
        doc = svc.json("GET", "/v2/taskgroup/" + batch["group"])
        assert doc["taskgroup_id"] == batch["group"], doc.get("taskgroup_id")
        listed = [t["id"] for t in doc["tasks"]]
        assert sorted(listed) == sorted(batch["ids"]), "%d listed, %d submitted" % (len(listed), len(batch["ids"]))
        assert all(t.get("created_at") for t in doc["tasks"]), "created_at missing"
        err = svc.json("GET", "/v2/taskgroup/" + str(uuid.uuid4()), expect=404)
        assert err["code"] == "TASK_GROUP_NOT_FOUND", err
    checks.run("GET /v2/taskgroup/{id} lists the batch's 100 tasks; unknown group 404", taskgroup)

    # --- a remote exception, and JSON results on request
    def zero_division():
        doc = svc.json("POST", "/v3/endpoints/%s/submit" % ep, {
            "tasks": {fns["divide"]: [payload([1, 0], {}, ser_all_data)]}})
        tid = doc["tasks"][fns["divide"]][0]
        task = svc.await_terminal([tid])[tid]
        assert task["status"] == "failed", task
        text = task.get("exception") or ""
        assert text.rstrip().endswith("ZeroDivisionError: division by zero"), text[-300:]
        assert "Traceback" in text, text[:300]
    checks.run("remote ZeroDivisionError: status failed, traceback ends 'ZeroDivisionError: division by zero'",
               zero_division)

    def json_results():
        doc = svc.json("POST", "/v3/endpoints/%s/submit" % ep, {
            "tasks": {fns["greet"]: [payload(["json"], {}, ser_json)]}, "result_serializers": [JSON_RESULTS]})
        tid = doc["tasks"][fns["greet"]][0]
        task = svc.await_terminal([tid])[tid]
        assert task["result"].startswith("11\n"), task["result"][:20]
        assert result_of(task) == {"text": "hello json", "extra": []}
    checks.run("result_serializers JSONData gives an 11 result", json_results)

    # --- funcX 1.x routes
    def funcx_routes():
        legacy_fn = svc.register(add, ser_code_dill, route="/v2/functions")
        group = str(uuid.uuid4())
        unknown_fn = str(uuid.uuid4())
        doc = svc.json("POST", "/v2/submit", {"task_group_id": group, "tasks": [
            [legacy_fn, ep, payload([1, 2], {}, ser_dill)],
            [unknown_fn, ep, payload([1], {}, ser_dill)],
            [fns["adder"], ep, payload([5], {}, ser_json)],
            [legacy_fn, ep, payload([3], {"b": 4}, ser_all_data)],
        ]})
        assert doc["response"] == "success" and doc["task_group_id"] == group, doc
        statuses = [r["status"] for r in doc["results"]]
        assert statuses == ["Success", "Failed", "Success", "Success"], doc["results"]
        failed = doc["results"][1]
        assert failed["http_status_code"] == 404 and "not found" in failed["reason"], failed
        ok = [r for r in doc["results"] if r["status"] == "Success"]
        assert all(r["http_status_code"] == 200 for r in ok), ok
        ids = [r["task_uuid"] for r in ok]
        docs = svc.await_terminal(ids)
        got = [result_of(docs[t]) for t in ids]
        assert got == [3, 1005, 7], got
        listed = sorted(t["id"] for t in svc.json("GET", "/v2/taskgroup/" + group)["tasks"])
        assert listed == sorted(ids), listed
    checks.run("funcX 1.x: POST /v2/functions and /v2/submit (per-task results, client's task group)", funcx_routes)

    def error_envelope():
        err = svc.json("GET", "/v2/tasks/" + str(uuid.uuid4()), expect=404)
        assert err["code"] == "TASK_NOT_FOUND" and err["message"] and err["reason"], err
        assert err["http_status_code"] == 404 and err["status"] == "Failed", err
    checks.run("errors carry code, reason and message", error_envelope)

    return finish(checks, started)


def finish(checks, started):
    print("%d passed, %d failed (%.1f s)" % (checks.passed, checks.failed, time.monotonic() - started), flush=True)
    return 0 if checks.failed == 0 else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception:  # noqa: BLE001 - a crash outside the checks still ends with a summary line
        traceback.print_exc()
        print("0 passed, 1 failed (the client crashed)", flush=True)
        sys.exit(2)
