#!/usr/bin/env bash
# A real single-node Slurm on this machine, for trying and testing the batch workflow's
# cluster profile (workflows/batch/profiles/slurm) without a cluster.
#
#   scripts/local-slurm.sh start [DIR]   start munged, slurmctld and slurmd; last line: SLURM_CONF=<path>
#   scripts/local-slurm.sh stop [DIR]    cancel its jobs and end exactly the daemons `start` started
#   scripts/local-slurm.sh status [DIR]  say whether they run
#
# Everything lives in DIR (default ${TMPDIR:-/tmp}/axialscope-slurm-<uid>): a private
# munge key and socket, slurm.conf, state, spool, pid and log files. The daemons listen on
# non-default ports (16817/16818, or the next free pair), so a system Slurm or munge is
# neither used nor disturbed; clients reach this one through SLURM_CONF. The node is this
# machine with its real CPUs and memory (`slurmd -C`); processes are tracked without
# cgroups (proctrack/linuxproc, task/none), so memory limits are accounted, not enforced.
# Run as root, the daemons run as root (SlurmUser=root); as another user, as that user.
# Debian packages: slurm-wlm, munge (scripts/install-deps.sh).
set -euo pipefail

command=${1:-}
DIR=${2:-${TMPDIR:-/tmp}/axialscope-slurm-$(id -u)}
CONF="$DIR/slurm.conf"
SOCKET="$DIR/munge/munge.socket"
DAEMONS=(slurmd slurmctld munged)  # stopped in this order

die() {
  echo "local-slurm: $*" >&2
  exit 1
}

pid_file() {
  case $1 in
    munged) echo "$DIR/munge/munged.pid" ;;
    *) echo "$DIR/$1.pid" ;;
  esac
}

# The pid in the daemon's pid file, if that process is alive and is that daemon.
running_pid() {
  local file pid
  file=$(pid_file "$1")
  [ -s "$file" ] || return 1
  pid=$(tr -dc '0-9' <"$file")
  [ -n "$pid" ] && [ -r "/proc/$pid/comm" ] || return 1
  [ "$(cat "/proc/$pid/comm")" = "$1" ] || return 1
  echo "$pid"
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

show_log() {
  [ -f "$DIR/log/$1.log" ] && tail -n 15 "$DIR/log/$1.log" | sed "s/^/  $1: /" >&2
  return 0
}

# Waits up to $1 seconds for the command in the remaining arguments to succeed.
wait_for() {
  local seconds=$1
  shift
  for _ in $(seq $((seconds * 4))); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.25
  done
  return 1
}

start() {
  for program in munged mungekey munge unmunge slurmctld slurmd sbatch scontrol sinfo; do
    command -v "$program" >/dev/null || die "'$program' is not installed (Debian packages slurm-wlm and munge; scripts/install-deps.sh)"
  done
  for daemon in "${DAEMONS[@]}"; do
    if running_pid "$daemon" >/dev/null; then
      die "already running in $DIR ($daemon); run '$0 stop $DIR' first"
    fi
  done
  local user host cpus memory port
  user=$(id -un)
  host=$(hostname -s)
  # A fresh folder each time: no state from an earlier run. Only a folder this script made
  # (it holds the marker) is cleared; any other non-empty folder is refused.
  if [ -d "$DIR" ] && [ -n "$(ls -A "$DIR")" ] && [ ! -e "$DIR/.axialscope-local-slurm" ]; then
    die "$DIR exists and was not made by $0; give an empty or new folder"
  fi
  [ ${#SOCKET} -lt 100 ] || die "the munge socket path $SOCKET is too long for a Unix socket; give a shorter DIR"
  rm -rf "$DIR/munge" "$DIR/state" "$DIR/spool" "$DIR/log" "$CONF"
  mkdir -p "$DIR/munge" "$DIR/state" "$DIR/spool" "$DIR/log"
  touch "$DIR/.axialscope-local-slurm"
  chmod 700 "$DIR" "$DIR/munge"

  # munge: a private key and socket (AuthInfo below points Slurm at this socket).
  mungekey --create --keyfile="$DIR/munge/munge.key" --force
  chmod 600 "$DIR/munge/munge.key"
  munged --key-file="$DIR/munge/munge.key" --socket="$SOCKET" --pid-file="$(pid_file munged)" \
    --log-file="$DIR/log/munged.log" --seed-file="$DIR/munge/munged.seed" --force ||
    { show_log munged; die "munged did not start"; }
  wait_for 10 running_pid munged || { show_log munged; die "munged did not start"; }
  munge -n -S "$SOCKET" | unmunge -S "$SOCKET" >/dev/null || die "munge credentials do not work with $SOCKET"

  port=16817
  while port_in_use "$port" || port_in_use $((port + 1)); do
    port=$((port + 2))
    [ "$port" -lt 16900 ] || die "no free port pair between 16817 and 16900"
  done
  # This machine as the node, as slurmd itself sees it.
  cpus=$(slurmd -C | sed -n 's/.*CPUs=\([0-9]*\).*/\1/p' | head -n 1)
  memory=$(slurmd -C | sed -n 's/.*RealMemory=\([0-9]*\).*/\1/p' | head -n 1)
  [ -n "$cpus" ] && [ -n "$memory" ] || die "'slurmd -C' did not report CPUs and RealMemory"

  cat >"$CONF" <<EOF
# Written by scripts/local-slurm.sh: a private single-node cluster in $DIR.
ClusterName=axslocal
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=$user
SlurmdUser=$user
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$SOCKET
StateSaveLocation=$DIR/state
SlurmdSpoolDir=$DIR/spool
SlurmctldPidFile=$(pid_file slurmctld)
SlurmdPidFile=$(pid_file slurmd)
SlurmctldLogFile=$DIR/log/slurmctld.log
SlurmdLogFile=$DIR/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU_Memory
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
ReturnToService=2
MailProg=/bin/true
SchedulerParameters=sched_interval=2
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=local Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
  export SLURM_CONF="$CONF"
  slurmctld -f "$CONF" || { show_log slurmctld; die "slurmctld did not start"; }
  wait_for 20 scontrol ping || { show_log slurmctld; die "slurmctld does not answer (see $DIR/log/slurmctld.log)"; }
  slurmd -f "$CONF" -N "$host" || { show_log slurmd; die "slurmd did not start"; }
  node_idle() { sinfo -h -N -n "$host" -o %t | grep -Eq '^(idle|mix|alloc)'; }
  wait_for 30 node_idle || { show_log slurmd; show_log slurmctld; die "the node did not come up (see $DIR/log)"; }
  echo "local-slurm: running in $DIR (ports $port/$((port + 1)); node $host: $cpus CPUs, $memory MiB)"
  echo "SLURM_CONF=$CONF"
}

stop() {
  [ -d "$DIR" ] || { echo "local-slurm: nothing in $DIR"; return 0; }
  export SLURM_CONF="$CONF"
  # Jobs first, so that no job step outlives its slurmd.
  if running_pid slurmctld >/dev/null && [ -n "$(squeue -h -o %i 2>/dev/null)" ]; then
    scancel --full $(squeue -h -o %i) 2>/dev/null || true
    wait_for 15 test -z "$(squeue -h -o %i 2>/dev/null)" || echo "local-slurm: jobs still listed after scancel" >&2
  fi
  local pid
  for daemon in "${DAEMONS[@]}"; do
    pid=$(running_pid "$daemon") || continue
    kill "$pid"
    if ! wait_for 15 eval "! running_pid $daemon"; then
      echo "local-slurm: $daemon ($pid) ignored SIGTERM; sending SIGKILL" >&2
      kill -9 "$pid" 2>/dev/null || true
    fi
    echo "local-slurm: stopped $daemon ($pid)"
  done
}

status() {
  local state=0 pid
  for daemon in "${DAEMONS[@]}"; do
    if pid=$(running_pid "$daemon"); then echo "$daemon: running ($pid)"; else
      echo "$daemon: not running"
      state=1
    fi
  done
  [ -f "$CONF" ] && echo "SLURM_CONF=$CONF"
  return $state
}

case $command in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) die "usage: $0 start|stop|status [DIR]" ;;
esac
