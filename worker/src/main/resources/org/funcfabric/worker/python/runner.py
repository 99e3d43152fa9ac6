"""FuncFabric Python runner: one long-lived interpreter per worker slot.

The Java worker writes one JSON request per line on this process's stdin:
    {"task_id": "...", "buffers": "<packed function, args and kwargs buffers>",
     "result_serializers": ["globus_compute_sdk.serialize.JSONData", ...],
     "max_result_bytes": 10485760}
and reads one JSON reply per line from its stdout:
    {"task_id": "...", "ok": true, "result": "00\\n..."}  or
    {"task_id": "...", "ok": false, "exception": "<traceback text>"}

Buffers follow the Globus Compute serialization format (API.md "Serialized buffers").
The protocol owns the real stdout and stdin: user code writing to stdout (print, C
extensions, subprocesses) lands on stderr, which the worker drains into its log, and user
code reading stdin sees end of file.
"""

import builtins
import codecs
import json
import linecache
import os
import pickle
import sys
import traceback

import dill

DEFAULT_RESULT_SERIALIZER = "globus_compute_sdk.serialize.DillDataBase64"


class DeserializationError(Exception):
    """A function or argument buffer this interpreter cannot load."""


class SerializationError(Exception):
    """A result no requested serializer can encode."""


class MaxResultSizeExceeded(Exception):
    """A serialized result larger than the task's limit."""


def _runtime():
    return "Python %s with dill %s" % (sys.version.split()[0], dill.__version__)


# --- buffers ---------------------------------------------------------------

def pack(buffers):
    return "".join("%d\n%s" % (len(b), b) for b in buffers)


def unpack(packed):
    out = []
    while packed:
        length, sep, rest = packed.partition("\n")
        if not sep:
            raise ValueError("packed buffer without a length line")
        n = int(length)
        if n < 0 or n > len(rest):
            raise ValueError("packed buffer length %d runs past the end" % n)
        out.append(rest[:n])
        packed = rest[n:]
    return out


def _split(buffer):
    if len(buffer) < 3 or buffer[2] != "\n":
        raise DeserializationError("buffer has no two-character header line")
    return buffer[:2], buffer[3:]


def _unpack_headed(body):
    """The sub-buffers of a combination buffer, or None when the body is not packed."""
    try:
        parts = unpack(body)
    except ValueError:
        return None
    if parts and all(len(p) >= 3 and p[2] == "\n" for p in parts):
        return parts
    return None


def _b64(body):
    # The SDK encodes with codecs "base64" (76-character lines); decode the same way.
    return codecs.decode(body.encode(), "base64")


def _first_success(attempts):
    """Runs (label, thunk) pairs in order; returns the first value, or raises listing every error."""
    errors = []
    for label, thunk in attempts:
        try:
            return thunk()
        except Exception as e:  # noqa: BLE001 - every failure is reported below
            errors.append("%s: %s: %s" % (label, type(e).__name__, e))
    raise DeserializationError("no encoding worked (" + "; ".join(errors) + ")")


# --- code ------------------------------------------------------------------

def _exec_source(name, source, header):
    filename = "<function %s (%s)>" % (name, header)
    # Registering the source lets tracebacks show the user's lines.
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    namespace = {"__name__": "__main__", "__builtins__": builtins}
    exec(compile(source, filename, "exec"), namespace)
    if name not in namespace:
        raise DeserializationError("the source does not define %r" % name)
    return namespace[name]


def _code_dill(body):
    return dill.loads(_b64(body))


def _code_pickle(body):
    return pickle.loads(_b64(body))


def _code_dill_source(body, header):
    name, source = dill.loads(_b64(body))
    return _exec_source(name, source, header)


def _code_pure_source(body, header):
    # Base64 has no colon; a colon means the SDK's older, unencoded "name:source" form.
    text = body if ":" in body else _b64(body).decode()
    name, source = text.split(":", 1)
    return _exec_source(name, source, header)


def _code_all_strategies(body):
    parts = _unpack_headed(body)
    if parts is not None:
        return _first_success([(p[:2], lambda p=p: load_code(p)) for p in parts])
    return _first_success([
        ("st", lambda: _code_pure_source(body, "st")),
        ("sd", lambda: _code_pure_source(body, "sd")),
        ("01", lambda: _code_dill(body)),
    ])


def _code_combined(body):
    # The deprecated CombinedCode joins "<id>\n" and base64 chunks with colons.
    chunks = body.split(":")
    pairs = list(zip(chunks[0::2], chunks[1::2]))
    return _first_success([(i.strip(), lambda i=i, c=c: load_code(i + c)) for i, c in pairs])


_CODE = {
    "01": _code_dill,
    "02": _code_pickle,
    "03": lambda body: _code_dill_source(body, "03"),
    "04": lambda body: _code_dill_source(body, "04"),
    "st": lambda body: _code_pure_source(body, "st"),
    "sd": lambda body: _code_pure_source(body, "sd"),
    "12": _code_all_strategies,
    "10": _code_combined,
}


def load_code(buffer):
    header, body = _split(buffer)
    decoder = _CODE.get(header)
    if decoder is None:
        raise DeserializationError("unknown function header %r" % header)
    return decoder(body)


# --- data ------------------------------------------------------------------

def _data_dill(body):
    return dill.loads(_b64(body))


def _data_json(body):
    try:
        return json.loads(body)
    except ValueError:
        # Some SDK releases base64-encode the JSON text; base64 never parses as JSON.
        return json.loads(_b64(body).decode())


def _data_all_strategies(body):
    parts = _unpack_headed(body)
    if parts is not None:
        return _first_success([(p[:2], lambda p=p: load_data(p)) for p in parts])
    return _first_success([("11", lambda: json.loads(body)), ("00", lambda: _data_dill(body))])


_DATA = {"00": _data_dill, "11": _data_json, "13": _data_all_strategies}


def load_data(buffer):
    header, body = _split(buffer)
    decoder = _DATA.get(header)
    if decoder is None:
        raise DeserializationError("unknown data header %r" % header)
    return decoder(body)


# --- results ---------------------------------------------------------------

def _ser_dill(value):
    return "00\n" + codecs.encode(dill.dumps(value), "base64").decode()


def _ser_json(value):
    return "11\n" + json.dumps(value)


def _ser_all_strategies(value):
    chunks = []
    for ser in (_ser_json, _ser_dill):
        try:
            chunks.append(ser(value))
        except Exception:  # noqa: BLE001 - a combination keeps whichever encodings work
            continue
    if not chunks:
        raise SerializationError("neither JSON nor dill can encode the result")
    return "13\n" + pack(chunks)


# Keyed by class name so any SDK import path works (…serialize.JSONData, …serialize.concretes.JSONData).
_SERIALIZERS = {
    "DillDataBase64": _ser_dill,
    "JSONData": _ser_json,
    "AllDataStrategies": _ser_all_strategies,
}


def serialize_result(value, strategies):
    errors = []
    for strategy in strategies or [DEFAULT_RESULT_SERIALIZER]:
        ser = _SERIALIZERS.get(str(strategy).rsplit(".", 1)[-1])
        if ser is None:
            errors.append("%s: not a data serializer this worker knows" % strategy)
            continue
        try:
            return ser(value)
        except Exception as e:  # noqa: BLE001 - the next strategy may work
            errors.append("%s: %s: %s" % (strategy, type(e).__name__, e))
    raise SerializationError("no result serializer succeeded (" + "; ".join(errors) + ")")


# --- one task --------------------------------------------------------------

def _failure(text):
    return {"ok": False, "exception": text}


def _deserialization_failure(what, buffer):
    header = buffer[:2] if len(buffer) >= 2 else "??"
    tb = traceback.format_exc()
    hint = (
        "DeserializationError: could not deserialize the %s (header %s): %s. Worker runs %s;"
        " a function or data serialized by a different Python or dill version often cannot be"
        " loaded: match the client's versions or use a source serializer (st, 12) and JSON data."
        % (what, header, _last_line(tb), _runtime())
    )
    return _failure(tb + hint)


def _last_line(text):
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1].rstrip(".") if lines else "unknown error"


def run_task(request):
    try:
        buffers = unpack(request["buffers"])
    except (KeyError, TypeError, ValueError) as e:
        return _failure("DeserializationError: malformed task buffers: %s" % e)
    if not 1 <= len(buffers) <= 3:
        return _failure("DeserializationError: expected 3 packed buffers, got %d" % len(buffers))

    try:
        fn = load_code(buffers[0])
    except Exception:  # noqa: BLE001 - reported to the client
        return _deserialization_failure("function", buffers[0])
    args, kwargs = (), {}
    if len(buffers) > 1:
        try:
            args = load_data(buffers[1])
        except Exception:  # noqa: BLE001
            return _deserialization_failure("positional arguments", buffers[1])
    if len(buffers) > 2:
        try:
            kwargs = load_data(buffers[2])
        except Exception:  # noqa: BLE001
            return _deserialization_failure("keyword arguments", buffers[2])

    try:
        value = fn(*args, **kwargs)
    except BaseException as e:  # noqa: BLE001 - SystemExit from user code fails the task, not the runner
        # Skip this frame: the traceback starts in the user's function.
        return _failure("".join(traceback.format_exception(type(e), e, e.__traceback__.tb_next)))

    try:
        result = serialize_result(value, request.get("result_serializers"))
    except Exception:  # noqa: BLE001
        return _failure(traceback.format_exc())

    limit = request.get("max_result_bytes") or 0
    size = len(result.encode("utf-8"))
    if 0 < limit < size:
        return _failure(
            "MaxResultSizeExceeded: result of %d bytes exceeds the limit of %d bytes" % (size, limit))
    return {"ok": True, "result": result}


def main():
    protocol_in = os.fdopen(os.dup(0), "rb")
    protocol_out = os.fdopen(os.dup(1), "wb")
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    # fd 1 becomes stderr, so even subprocesses and C code cannot corrupt the protocol.
    os.dup2(2, 1)
    sys.stdout = sys.stderr

    for line in iter(protocol_in.readline, b""):
        if not line.strip():
            continue
        task_id = None
        try:
            request = json.loads(line)
            task_id = request.get("task_id")
            reply = run_task(request)
        except Exception:  # noqa: BLE001 - a bad request must not kill the slot's interpreter
            reply = _failure(traceback.format_exc())
        reply["task_id"] = task_id
        protocol_out.write(json.dumps(reply).encode("ascii") + b"\n")
        protocol_out.flush()


if __name__ == "__main__":
    main()
