#!/usr/bin/env bash
# End-to-end test of `x17fit slurm` on a throw-away single-node Slurm cluster (Debian's slurm-wlm and munge):
# a 4-task array for a profile grid, a toy study, a Feldman–Cousins grid (profile --toys) and a toy comparison
# (toys --against), each followed by its dependent merge job; the merged files must equal the single-process
# run's bit for bit.
#
#   cluster/slurm-test.sh /abs/path/to/x17fit
#
# Runs as root (slurmd starts jobs as their user). Installs slurm-wlm and munge with apt-get when they are
# missing; exits 77 with a message when they cannot be had. Everything it starts (munged, slurmctld, slurmd)
# runs from a temporary folder, on its own ports and munge socket, and is stopped on every exit path.
set -euo pipefail
X17FIT=${1:?usage: cluster/slurm-test.sh /abs/path/to/x17fit}
REPO=$(cd "$(dirname "$0")/.." && pwd)
skip() { echo "SKIP slurm test: $*"; exit 77; }

[ "$(id -u)" = 0 ] || skip "needs root to run slurmd (CI runs as root)"
if ! command -v slurmctld >/dev/null 2>&1 || ! command -v munged >/dev/null 2>&1; then
    if command -v apt-get >/dev/null 2>&1; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge >/dev/null 2>&1 \
            || { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge >/dev/null 2>&1; } \
            || true
    fi
    command -v slurmctld >/dev/null 2>&1 && command -v munged >/dev/null 2>&1 \
        || skip "slurm-wlm and munge are not installed and could not be installed (apt-get install -y slurm-wlm munge)"
fi

WORK=$(mktemp -d /tmp/x17fit-slurm.XXXXXX)
PIDS=()
cleanup() {
    status=$?
    # SIGTERM first; SIGKILL after 10 s (a parent such as a test runner may have blocked SIGTERM for us).
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for _ in $(seq 100); do
        alive=no
        for pid in "${PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && alive=yes; done
        [ "$alive" = no ] && break
        sleep 0.1
    done
    for pid in "${PIDS[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    if [ "$status" != 0 ] && [ "$status" != 77 ]; then
        echo "slurm test failed; logs:"
        for f in "$WORK"/*.log "$WORK"/*.logs/*; do [ -f "$f" ] && { echo "== $f"; tail -n 20 "$f"; }; done
    fi
    rm -rf "$WORK"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

mkdir -p "$WORK/state" "$WORK/spool" "$WORK/run"
cp -r "$REPO/fits" "$REPO/datasets" "$WORK/"
# A free port pair for slurmctld/slurmd (not the system's 6817/6818).
PORT=$(( 20000 + RANDOM % 20000 ))

dd if=/dev/urandom of="$WORK/munge.key" bs=1024 count=1 status=none
chmod 600 "$WORK/munge.key"
munged --force --foreground --key-file="$WORK/munge.key" --socket="$WORK/munge.socket" \
    --pid-file="$WORK/munged.pid" --log-file="$WORK/munged.log" --seed-file="$WORK/munged.seed" \
    >"$WORK/munged.out.log" 2>&1 &
PIDS+=($!)

cat > "$WORK/slurm.conf" <<CONF
ClusterName=x17fittest
SlurmctldHost=localhost
SlurmctldPort=$PORT
SlurmdPort=$((PORT + 1))
SlurmUser=root
AuthType=auth/munge
AuthInfo=socket=$WORK/munge.socket
CredType=cred/munge
StateSaveLocation=$WORK/state
SlurmdSpoolDir=$WORK/spool
SlurmctldPidFile=$WORK/run/slurmctld.pid
SlurmdPidFile=$WORK/run/slurmd.pid
SlurmctldLogFile=$WORK/slurmctld.log
SlurmdLogFile=$WORK/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
ReturnToService=2
NodeName=localhost CPUs=2 State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$WORK/slurm.conf"

for _ in $(seq 50); do [ -S "$WORK/munge.socket" ] && break; sleep 0.1; done
slurmctld -D -i -f "$SLURM_CONF" >"$WORK/slurmctld.out.log" 2>&1 &
PIDS+=($!)
slurmd -D -N localhost -f "$SLURM_CONF" >"$WORK/slurmd.out.log" 2>&1 &
PIDS+=($!)

ready=no
for _ in $(seq 120); do
    if sinfo -h -o '%T' 2>/dev/null | grep -qx idle; then ready=yes; break; fi
    sleep 0.5
done
[ "$ready" = yes ] || { echo "the Slurm node did not become idle within 60 s"; sinfo 2>&1 || true; exit 1; }
echo "slurm: single-node cluster up (port $PORT)"

cd "$WORK"
export OPENBLAS_NUM_THREADS=1
GRID=(profile fits/dg2023-vector-none.toml --x eps_n:-0.008:0.008:9 --y eps_p:-0.004:0.004:8 --format csv,json)
TOYS=(toys fits/dg2023-vector-none.toml --n 400 --seed 11 --minos)
FC=(profile fits/dg2023-vector-none.toml --x mX:16.72:16.96:7 --toys 20 --seed 3 --format csv,json)
AGAINST=(toys fits/dg2023-vector-none.toml --against fits/dg2023-vector-mixing.toml --n 60 --seed 12)
"$X17FIT" "${GRID[@]}" --out single-grid --threads 2 >/dev/null 2>&1
"$X17FIT" "${TOYS[@]}" --out single-toys --threads 2 >/dev/null 2>&1
"$X17FIT" "${FC[@]}" --out single-fc --threads 2 >/dev/null 2>&1
"$X17FIT" "${AGAINST[@]}" --out single-against --threads 2 >/dev/null 2>&1
"$X17FIT" slurm --tasks 4 --shards grid-shards --merged grid-merged --out grid-jobs -- "${GRID[@]}" >/dev/null
"$X17FIT" slurm --tasks 4 --shards toys-shards --merged toys-merged --out toys-jobs -- "${TOYS[@]}" >/dev/null
"$X17FIT" slurm --tasks 4 --shards fc-shards --merged fc-merged --out fc-jobs -- "${FC[@]}" >/dev/null
"$X17FIT" slurm --tasks 4 --shards against-shards --merged against-merged --out against-jobs -- "${AGAINST[@]}" >/dev/null
sh grid-jobs/submit.sh
sh toys-jobs/submit.sh
sh fc-jobs/submit.sh
sh against-jobs/submit.sh

done=no
for _ in $(seq 600); do
    if [ -z "$(squeue -h 2>/dev/null)" ]; then done=yes; break; fi
    sleep 0.5
done
[ "$done" = yes ] || { echo "jobs still queued after 300 s:"; squeue; exit 1; }

[ "$(ls grid-shards/*.shard-*-of-4.json | wc -l)" = 4 ] && [ "$(ls toys-shards/*.toys.shard-*-of-4.json | wc -l)" = 4 ] \
    && [ "$(ls fc-shards/*.fc.shard-*-of-4.json | wc -l)" = 4 ] \
    && [ "$(ls against-shards/*.toys-compare.shard-*-of-4.json | wc -l)" = 4 ] \
    || { echo "expected 4 shard files per study"; exit 1; }
diff -r single-grid grid-merged
diff -r single-toys toys-merged
diff -r single-fc fc-merged
diff -r single-against against-merged
echo "slurm: merged profile grid, toy study, Feldman–Cousins grid and toy comparison are bit-identical to the single-process runs"
