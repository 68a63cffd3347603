#!/usr/bin/env bash
# Issue 24's PDF budget: one dokumen evaluasi rendered on one core, warm
# (≤ 200 ms). Prints p50/p95 of N renders (200 by default) of a usual D.1.1
# in a release build pinned to one core; never fails on the figure.
set -euo pipefail
cd "$(dirname "$0")/.."
PIN=()
if command -v taskset >/dev/null 2>&1; then PIN=(taskset -c 0); fi
cargo bench -p pdf --bench render --no-run >&2
"${PIN[@]}" cargo bench -p pdf --bench render
