#!/usr/bin/env bash
# Measures how long a desktop program takes from launch to its first top-level window being mapped,
# on a virtual display, as the median of N runs (default 7). Used to compare the installed Padlock Mail
# with Thunderbird on the same machine; README reports the figures.
#
#   packaging/measure-start.sh NAME_REGEX COMMAND [ARGS...]
#   e.g. packaging/measure-start.sh '^Padlock Mail$' /opt/padlock-mail/bin/padlock-mail
#        packaging/measure-start.sh 'Thunderbird' thunderbird --profile /tmp/tb-profile
#
# Each run gets its own HOME unless KEEP_HOME=1 (a warm profile: caches and settings from run 1 on).
set -euo pipefail
pattern=$1
shift
runs=${RUNS:-7}
display=${MEASURE_DISPLAY:-:88}
Xvfb "$display" -screen 0 1280x800x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
sleep 1
home=$(mktemp -d)
times=()
for run in $(seq 1 "$runs"); do
  [ "${KEEP_HOME:-0}" = 1 ] || { rm -rf "$home"; home=$(mktemp -d); }
  start=$(date +%s%N)
  HOME="$home" DISPLAY="$display" PADLOCK_MAIL_CONFIG_DIR="$home/padlock-mail" "$@" >/dev/null 2>&1 &
  pid=$!
  until DISPLAY="$display" xdotool search --onlyvisible --name "$pattern" >/dev/null 2>&1; do
    sleep 0.01
    if [ $(( ($(date +%s%N) - start) / 1000000 )) -gt 30000 ]; then echo "no window within 30 s" >&2; exit 1; fi
  done
  end=$(date +%s%N)
  ms=$(( (end - start) / 1000000 ))
  times+=("$ms")
  echo "run $run: $ms ms"
  kill "$pid" 2>/dev/null || true
  pkill -P "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  sleep 0.5
done
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
echo "median of $runs: $median ms"
