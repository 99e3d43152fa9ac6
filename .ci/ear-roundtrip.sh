#!/usr/bin/env bash
# funcfabric.ear on Payara Server 6 Full: deploys the EAR and sends one task through it, end to end
# (REST -> EJB/JPA -> Artemis through the embedded resource adapter -> connector -> worker -> result
# MDB -> database -> REST). Prints "EAR round trip: PASS" or FAIL with the end of the logs, exit 1.
#
# Run from anywhere after `mvn install` (or `mvn package`/`verify`): it needs ear/target/funcfabric.ear
# and the launcher's build (launcher/target/funcfabric-launcher.jar and launcher/target/lib/ with the
# broker, connector and worker jars).
#
# Payara Server comes from Maven Central through Maven (fish.payara.distributions:payara:<version>:zip,
# about 170 MB, kept in the local Maven repository, so only the first run downloads it) and is unzipped
# into a temporary directory. Every listener of the domain is moved to a free port on 127.0.0.1, Phone
# Home and the Hazelcast data grid are switched off, and the service's settings (H2 database file,
# broker address and credentials, token key) are written as system properties of the server's
# configuration before its first start, so no restart is needed. The key pair, the secrets and the
# run directory are temporary too. Everything started here is stopped on exit: connector, domain,
# broker, in that order.
#
# Knobs: PAYARA_SERVER_VERSION (default 6.2025.10), FABRIC_EAR_KEEP=1 keeps the temporary directory,
# FABRIC_DB_URL / FABRIC_DB_USER / FABRIC_DB_PASSWORD put the service on another database (PostgreSQL)
# instead of a fresh H2 file.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"

payara_version=${PAYARA_SERVER_VERSION:-6.2025.10}
ear=$repo/ear/target/funcfabric.ear
launcher_jar=$repo/launcher/target/funcfabric-launcher.jar
lib=$repo/launcher/target/lib
http_timeout=5

t_begin=$(date +%s.%N)
log() { printf '[ear-roundtrip %s] %s\n' "$(date +%T)" "$*"; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

for f in "$ear" "$launcher_jar" "$lib/funcfabric-broker.jar" "$lib/funcfabric-connector.jar" "$lib/funcfabric-worker.jar"; do
  if [[ ! -f "$f" ]]; then
    echo "missing $f: build first (mvn -B install -DskipTests)" >&2
    exit 2
  fi
done
for c in java mvn curl unzip openssl python3; do
  command -v "$c" >/dev/null || { echo "$c not found on PATH" >&2; exit 2; }
done

run=$(mktemp -d "${TMPDIR:-/tmp}/funcfabric-ear.XXXXXX")
home=$run/home            # FABRIC_HOME of this run: keys, token, database, broker journal, endpoint
server=$run/payara6
domain=$server/glassfish/domains/domain1
server_log=$domain/logs/server.log
mkdir -p "$home"/{keys,db,broker,logs,ep}
chmod 700 "$home/keys"

# ---------------------------------------------------------------------------------------------------
# Cleanup: always, in reverse order of start; never fails the script by itself.
broker_pid=""
connector_pid=""
domain_started=""
result="FAIL"

stop_process() { # name pid: SIGTERM, up to 20 s, then SIGKILL to its whole process group
  local name=$1 pid=$2
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then
    log "$name did not stop within 20 s: killing it"
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  set +e
  # The connector first: it stops its worker, and no heartbeat is in flight when the domain stops.
  stop_process connector "$connector_pid"
  if [[ -n "$domain_started" ]]; then
    local t; t=$(now)
    if ! timeout 120 "$server/bin/asadmin" --interactive=false --host 127.0.0.1 --port "$admin_port" \
        stop-domain domain1 >"$run/stop-domain.out" 2>&1; then
      log "stop-domain failed: $(tail -n 3 "$run/stop-domain.out" | tr '\n' ' ')"
      local pid; pid=$(cat "$domain/config/pid" 2>/dev/null)
      [[ -n "$pid" ]] && stop_process "Payara Server" "$pid"
    fi
    log "domain stopped in $(since "$t") s"
  fi
  if [[ -n "$broker_pid" ]]; then
    local t; t=$(now)
    stop_process broker "$broker_pid"
    log "broker stopped in $(since "$t") s"
  fi
  if [[ "${FABRIC_EAR_KEEP:-}" == 1 ]]; then
    log "kept $run"
  else
    rm -rf "$run"
  fi
  log "total $(since "$t_begin") s"
  if [[ "$result" == PASS && $rc -eq 0 ]]; then
    echo "EAR round trip: PASS"
  else
    echo "EAR round trip: FAIL"
    ((rc != 0)) || rc=1
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

fail() {
  log "FAIL: $*"
  if [[ -s "$server_log" ]] && grep -q '\[SEVERE\]' "$server_log"; then
    echo "----- SEVERE messages in $server_log"
    grep -A1 '\[SEVERE\]' "$server_log" | grep -v '^\[20\|^--$' | cut -c1-300 | head -n 20
  fi
  for f in "$server_log" "$home/logs/connector.log" "$home/ep/logs/worker-1.log" "$home/logs/broker.log"; do
    if [[ -s "$f" ]]; then
      echo "----- last lines of $f"
      tail -n 40 "$f"
    fi
  done
  echo "-----"
  exit 1
}

# ---------------------------------------------------------------------------------------------------
# Free ports on 127.0.0.1, all different, below the ephemeral range.
declare -A taken=()
free_port() { # var
  local p
  for _ in $(seq 500); do
    p=$((20000 + RANDOM % 12000))
    [[ -z "${taken[$p]:-}" ]] || continue
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      taken[$p]=1
      printf -v "$1" '%s' "$p"
      return 0
    fi
  done
  echo "no free port found" >&2
  exit 2
}
for v in http_port https_port admin_port iiop_port iiops_port iiopm_port jmx_port jms_port \
    osgi_port debug_port hz_das_port hz_port broker_port; do
  free_port "$v"
done
base_url=http://127.0.0.1:$http_port
log "ports: http $http_port, admin $admin_port, broker $broker_port; run directory $run"

# ---------------------------------------------------------------------------------------------------
# Payara Server 6 Full from Maven Central (the local Maven repository caches the zip).
t=$(now)
zip_dir=$run/download
mvn -B -q -N dependency:copy -Dartifact="fish.payara.distributions:payara:$payara_version:zip" \
    -DoutputDirectory="$zip_dir" >"$run/download.out" 2>&1 \
  || { cat "$run/download.out"; fail "could not get Payara Server $payara_version from Maven Central"; }
t_download=$(since "$t")
log "Payara Server $payara_version zip ready in $t_download s"
t=$(now)
unzip -q "$zip_dir/payara-$payara_version.zip" -d "$run"
rm -rf "$zip_dir"
[[ -x "$server/bin/asadmin" ]] || fail "the zip holds no payara6/bin/asadmin"
t_unzip=$(since "$t")
log "unzipped in $t_unzip s"

# ---------------------------------------------------------------------------------------------------
# Key pair, token and secrets, as `funcfabric up` keeps them in FABRIC_HOME (keys/jwt-*.pem).
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$home/keys/jwt-private.pem" 2>/dev/null
openssl pkey -in "$home/keys/jwt-private.pem" -pubout -out "$home/keys/jwt-public.pem"
chmod 600 "$home/keys/jwt-private.pem"
FABRIC_HOME=$home java -jar "$launcher_jar" token --sub dev --groups user --ttl 1h >"$home/dev-token"
chmod 600 "$home/dev-token"
broker_service_password=$(openssl rand -hex 24)
broker_endpoint_key=$(openssl rand -hex 24)

# ---------------------------------------------------------------------------------------------------
# The broker, as `funcfabric up` starts it (LocalStack), in its own process group.
FABRIC_BROKER_HOST=127.0.0.1 FABRIC_BROKER_PORT=$broker_port FABRIC_BROKER_DATA_DIR=$home/broker \
FABRIC_BROKER_SERVICE_USER=fabric-service FABRIC_BROKER_SERVICE_PASSWORD=$broker_service_password \
FABRIC_BROKER_ENDPOINT_KEY=$broker_endpoint_key \
  setsid java -jar "$lib/funcfabric-broker.jar" >"$home/logs/broker.log" 2>&1 </dev/null &
broker_pid=$!

# ---------------------------------------------------------------------------------------------------
# The domain: ports, loopback, no Phone Home, no data grid, no OpenMQ, the service's settings.
if [[ -n "${FABRIC_DB_URL:-}" ]]; then
  db_url=$FABRIC_DB_URL
  db_user=${FABRIC_DB_USER:-fabric}
  db_password=${FABRIC_DB_PASSWORD:-}
else
  db_url=jdbc:h2:file:$home/db/fabric
  db_user=fabric
  db_password=$(openssl rand -hex 24)
fi
case "$db_url" in
  jdbc:postgresql:*) db_class=org.postgresql.ds.PGSimpleDataSource ;;
  *) db_class=org.h2.jdbcx.JdbcDataSource ;;
esac

export HTTP_PORT=$http_port HTTPS_PORT=$https_port ADMIN_PORT=$admin_port IIOP_PORT=$iiop_port \
  IIOPS_PORT=$iiops_port IIOPM_PORT=$iiopm_port JMX_PORT=$jmx_port JMS_PORT=$jms_port \
  OSGI_PORT=$osgi_port DEBUG_PORT=$debug_port HZ_DAS_PORT=$hz_das_port HZ_PORT=$hz_port \
  P_DB_CLASS=$db_class P_DB_URL=$db_url P_DB_USER=$db_user P_DB_PASSWORD=$db_password \
  P_BROKER_PORT=$broker_port P_BROKER_SERVICE_PASSWORD=$broker_service_password \
  P_BROKER_ENDPOINT_KEY=$broker_endpoint_key \
  P_PUBLIC_KEY_URL=file://$home/keys/jwt-public.pem
python3 - "$domain/config/domain.xml" <<'PY' || fail "could not configure domain.xml"
import os, sys
from xml.sax.saxutils import quoteattr

path = sys.argv[1]
text = open(path, encoding="utf-8").read()
# Only the DAS's own configuration; default-config is the template for other instances.
head, sep, tail = text.partition('<config name="default-config"')
e = os.environ

def replace(old, new, count=1):
    global head
    if head.count(old) < count:
        sys.exit("domain.xml: %r not found" % old)
    head = head.replace(old, new)

replace('port="8080"', 'port="%s"' % e["HTTP_PORT"])
replace('port="8181"', 'port="%s"' % e["HTTPS_PORT"])
replace('port="4848"', 'port="%s"' % e["ADMIN_PORT"])
replace('port="3700"', 'port="%s"' % e["IIOP_PORT"])
replace('port="3820"', 'port="%s"' % e["IIOPS_PORT"])
replace('port="3920"', 'port="%s"' % e["IIOPM_PORT"])
replace('port="8686"', 'port="%s"' % e["JMX_PORT"])
replace('name="JMS_PROVIDER_PORT" value="7676"', 'name="JMS_PROVIDER_PORT" value="%s"' % e["JMS_PORT"])
replace('-Dosgi.shell.telnet.port=6666', '-Dosgi.shell.telnet.port=%s' % e["OSGI_PORT"])
replace('address=9009', 'address=127.0.0.1:%s' % e["DEBUG_PORT"])
# Every listener on loopback.
replace('address="0.0.0.0"', 'address="127.0.0.1"', 4)
replace('<network-listener port=', '<network-listener address="127.0.0.1" port=', 3)
# The data grid (Hazelcast) is not used by FuncFabric: off, and its ports on loopback anyway.
replace('<hazelcast-runtime-configuration start-port="5900" das-port="4900"',
        '<hazelcast-runtime-configuration start-port="%s" das-port="%s" das-bind-address="127.0.0.1"'
        % (e["HZ_PORT"], e["HZ_DAS_PORT"]))
replace('<hazelcast-config-specific-configuration></hazelcast-config-specific-configuration>',
        '<hazelcast-config-specific-configuration enabled="false"></hazelcast-config-specific-configuration>')
# Phone Home reports to Payara over the internet as soon as the server is up: off before the first start.
replace('</hazelcast-runtime-configuration>',
        '</hazelcast-runtime-configuration>\n    <phone-home-runtime-configuration enabled="false"></phone-home-runtime-configuration>')
# The built-in OpenMQ broker is not used (Artemis is, through the EAR's adapter); it would listen on all interfaces.
replace('<connector-service shutdown-timeout-in-seconds="30"></connector-service>',
        '<connector-service shutdown-timeout-in-seconds="30"></connector-service>\n'
        '            <jms-service type="DISABLED" default-jms-host="default_JMS_host">\n'
        '                <jms-host name="default_JMS_host" host="127.0.0.1" port="${JMS_PROVIDER_PORT}" lazy-init="true" />\n'
        '            </jms-service>')

# The service's deployment-time settings, read through ${MPCONFIG=...} (see launcher ServiceProperties).
props = [
    ("fabric.db.class", e["P_DB_CLASS"]),
    ("fabric.db.url", e["P_DB_URL"]),
    ("fabric.db.user", e["P_DB_USER"]),
    ("fabric.db.password", e["P_DB_PASSWORD"]),
    ("fabric.broker.host", "127.0.0.1"),
    ("fabric.broker.port", e["P_BROKER_PORT"]),
    ("fabric.broker.user", "fabric-service"),
    ("fabric.broker.password", e["P_BROKER_SERVICE_PASSWORD"]),
    ("fabric.broker.endpoint-key", e["P_BROKER_ENDPOINT_KEY"]),
    ("fabric.broker.public-url", "tcp://127.0.0.1:%s" % e["P_BROKER_PORT"]),
    ("mp.jwt.verify.publickey.location", e["P_PUBLIC_KEY_URL"]),
    ("mp.jwt.verify.issuer", "funcfabric-dev"),
    # Required: without it the application refuses to deploy (README "Security").
    ("mp.jwt.verify.audiences", "funcfabric"),
    # Recommended: names the JSON provider instead of a class-path scan per token (README).
    ("jakarta.json.provider", "org.eclipse.parsson.JsonProviderImpl"),
]
anchor = '<config name="server-config">\n'
replace(anchor, anchor + "".join(
    '            <system-property name=%s value=%s />\n' % (quoteattr(k), quoteattr(v)) for k, v in props))
open(path, "w", encoding="utf-8").write(head + sep + tail)
PY
chmod 600 "$domain/config/domain.xml"

# Broker before the domain: the adapter connects when the EAR is deployed.
t=$(now)
until (exec 3<>"/dev/tcp/127.0.0.1/$broker_port") 2>/dev/null; do
  kill -0 "$broker_pid" 2>/dev/null || fail "the broker exited"
  [[ $(since "$t" | cut -d. -f1) -lt 60 ]] || fail "the broker did not listen within 60 s"
  sleep 0.3
done
log "broker ready on 127.0.0.1:$broker_port in $(since "$t") s"

t=$(now)
domain_started=yes
timeout 180 "$server/bin/asadmin" --interactive=false start-domain domain1 >"$run/start-domain.out" 2>&1 \
  || { cat "$run/start-domain.out"; fail "start-domain failed"; }
t_start=$(since "$t")
log "domain started in $t_start s"

t=$(now)
timeout 300 "$server/bin/asadmin" --interactive=false --host 127.0.0.1 --port "$admin_port" \
    deploy --name funcfabric "$ear" >"$run/deploy.out" 2>&1 \
  || { cat "$run/deploy.out"; fail "deploying funcfabric.ear failed"; }
t_deploy=$(since "$t")
log "funcfabric.ear deployed in $t_deploy s"

# ---------------------------------------------------------------------------------------------------
# The round trip.
token=$(cat "$home/dev-token")
auth=(-H "Authorization: Bearer $token")
json=(-H 'Content-Type: application/json')
json_get() { # key... : prints document[key][key]... of the JSON on stdin, "" when it has none
  python3 -c 'import sys, json
try:
    d = json.load(sys.stdin)
    for k in sys.argv[1:]:
        d = d[int(k)] if isinstance(d, list) else d[k]
except (ValueError, LookupError, TypeError):
    d = ""
print(d)' "$@"
}

t_trip=$(now)
t=$(now)
until [[ $(curl -s -o /dev/null -w '%{http_code}' -m "$http_timeout" "$base_url/v2/version") == 200 ]]; do
  [[ $(since "$t" | cut -d. -f1) -lt 60 ]] || fail "GET /v2/version did not answer 200 within 60 s"
  sleep 0.5
done
code=$(curl -s -o /dev/null -w '%{http_code}' -m "$http_timeout" "$base_url/v2/endpoints?role=owner")
[[ "$code" == 401 ]] || fail "GET /v2/endpoints without a token answered $code, not 401"

FABRIC_HEARTBEAT_PERIOD=5 setsid java -jar "$lib/funcfabric-connector.jar" --service "$base_url" \
    --token "$home/dev-token" --name ear-local --workers 1 --slots 1 --dir "$home/ep" \
    --worker-jar "$lib/funcfabric-worker.jar" >"$home/logs/connector.log" 2>&1 </dev/null &
connector_pid=$!
t=$(now)
until [[ -s "$home/ep/endpoint.json" ]]; do
  kill -0 "$connector_pid" 2>/dev/null || fail "the connector exited"
  [[ $(since "$t" | cut -d. -f1) -lt 60 ]] || fail "the connector did not register within 60 s"
  sleep 0.3
done
endpoint=$(json_get endpoint_id <"$home/ep/endpoint.json")
[[ -n "$endpoint" ]] || fail "no endpoint id in $home/ep/endpoint.json"
log "endpoint ear-local registered as $endpoint"

response=$(curl -s --fail-with-body -m "$http_timeout" -X POST "$base_url/v3/functions" "${auth[@]}" "${json[@]}" \
  -d '{"function_name": "hello", "function_code": "sh\n{\"cmd\": \"echo hello {name}\", \"walltime\": 10}"}') \
  || fail "registering the function failed: $response"
function_id=$(json_get function_uuid <<<"$response")
[[ -n "$function_id" ]] || fail "no function_uuid in $response"

# One task; its payload packs the args ([]) and kwargs ({"name": "ear"}) buffers (README walk-through).
t_task=$(now)
response=$(curl -s --fail-with-body -m "$http_timeout" -X POST "$base_url/v3/endpoints/$endpoint/submit" \
  "${auth[@]}" "${json[@]}" -d '{"tasks": {"'"$function_id"'": ["5\n11\n[]17\n11\n{\"name\":\"ear\"}"]}}') \
  || fail "submitting the task failed: $response"
task=$(json_get tasks "$function_id" 0 <<<"$response")
[[ -n "$task" ]] || fail "no task id in $response"
log "task $task submitted"

t=$(now)
while :; do
  doc=$(curl -s -m "$http_timeout" "$base_url/v2/tasks/$task" "${auth[@]}" || true)
  status=$(json_get status <<<"$doc")
  case "$status" in
    success) break ;;
    failed) fail "the task failed: $doc" ;;
  esac
  [[ $(since "$t" | cut -d. -f1) -lt 90 ]] || fail "the task was not done within 90 s, last: $doc"
  sleep 0.3
done
t_task=$(since "$t_task")
# The shell result is the JSON buffer "11\n{returncode, stdout, stderr, cmd}".
result_buffer=$(json_get result <<<"$doc")
stdout=$(json_get stdout <<<"${result_buffer#*$'\n'}")
returncode=$(json_get returncode <<<"${result_buffer#*$'\n'}")
[[ "$returncode" == 0 && "$stdout" == "hello ear" ]] || fail "unexpected result in $doc"
t_roundtrip=$(since "$t_trip")
log "task $task: success, stdout ${stdout@Q}, submit to result $t_task s"
log "times: download $t_download s, unzip $t_unzip s, domain start $t_start s, deploy $t_deploy s," \
  "round trip $t_roundtrip s (connector start and registration included)"
result=PASS
