#!/usr/bin/env bash
# Fails when a program uses instructions beyond the x86-64 baseline (VEX/EVEX-encoded: AVX,
# AVX2, FMA, AVX-512, mask registers) outside the kernels that choose them at run time, so a
# package built on an AVX-512 machine cannot crash with SIGILL on an older x86-64 CPU.
# The allowed kernels are the ones core/model/peak_flops.cpp compiles with
# __attribute__((target(...))) and calls only after __builtin_cpu_supports(...).
# usage: check_baseline_isa.sh PROGRAM...
set -euo pipefail
allowed='fmaLoopAvx512|fmaLoopAvx2|dpbf16Loop'
status=0
for program in "$@"; do
  offenders=$(objdump -d --no-show-raw-insn "$program" |
    awk -v allowed="$allowed" '
      /^[0-9a-f]+ <.*>:$/ { fn = $2; next }
      /\t(v[a-z0-9]+|kmov[a-z]+)[ \t]/ { if (fn !~ allowed) count[fn]++ }
      END { for (f in count) print "  " count[f] " in " f }')
  if [ -n "$offenders" ]; then
    echo "check_baseline_isa: $program has instructions beyond the x86-64 baseline in:" >&2
    echo "$offenders" | head -n 20 >&2
    status=1
  else
    echo "check_baseline_isa: $program: x86-64 baseline (AVX and later only in the run-time-dispatched kernels)"
  fi
done
exit $status
