#!/usr/bin/env bash
# Dedup benchmark: corroborate `dedup` against datasketch MinHashLSH on a generated corpus of
# ~5 KB articles with planted duplicates (see crates/corroborate/examples/gen_dedup_corpus.rs).
#
#   scripts/bench-dedup.sh [N_FULL=100000] [N_SUB=10000]
#
# Same shingles (word 5-grams), permutations (128), bands x rows (28 x 4) and threshold (0.7) on
# both sides. Both run on the first N_SUB articles and on all N_FULL articles (datasketch takes
# about two minutes of one core for 100,000). Times are wall clock and CPU time (user + sys, from
# /usr/bin/time -v); datasketch is single-threaded, corroborate uses every core, so the wall
# ratio is what a user waits and the CPU ratio is the work done. On a shared machine compare CPU
# times. Index memory is the peak RSS difference between the N_FULL and N_SUB runs, per article.
# The corpus is read once before each timed run, so that no run pays for the disk (this machine
# reclaims cold page cache). corroborate takes about a second: it runs RUNS times (default 5) and
# the run with the median wall time is reported (all are printed); datasketch runs once.
set -euo pipefail
cd "$(dirname "$0")/.."
N_FULL=${1:-100000}
N_SUB=${2:-10000}
OUT=${BENCH_DIR:-/tmp/dedup-bench}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target}
mkdir -p "$OUT"
command -v /usr/bin/time >/dev/null || apt-get install -y time >/dev/null
python3 -c 'import datasketch' 2>/dev/null || pip install -q datasketch
cargo build --release -p corroborate-cli -p corroborate --examples --bins
BIN=$CARGO_TARGET_DIR/release
[ -s "$OUT/c$N_FULL.jsonl" ] || "$BIN/examples/gen_dedup_corpus" "$N_FULL" "$OUT/c$N_FULL.jsonl" "$OUT/t$N_FULL.jsonl"
head -n "$N_SUB" "$OUT/c$N_FULL.jsonl" > "$OUT/sub.jsonl"

RUNS=${RUNS:-5}
warm() { cat "$@" > /dev/null; }
timed() { # name, command...: prints wall, cpu, peak RSS
  local name=$1; shift
  /usr/bin/time -v "$@" 2> "$OUT/$name.time" >"$OUT/$name.stdout"
  awk -v n="$name" '/User time/{u=$4} /System time/{s=$4} /Elapsed/{w=$8} /Maximum resident/{r=$6}
       END{printf "%s: wall %s, cpu %.2f s, peak RSS %.1f MB\n", n, w, u+s, r/1024}' "$OUT/$name.time"
}
timed_median() { # name, command...: RUNS runs; keeps the one with the median wall time as name
  local name=$1; shift
  rm -f "$OUT/$name.walls"
  for r in $(seq 1 "$RUNS"); do
    timed "$name.$r" "$@"
    echo "$(wall "$name.$r") $r" >> "$OUT/$name.walls"
  done
  local mid; mid=$(sort -n "$OUT/$name.walls" | awk -v k=$(( (RUNS + 1) / 2 )) 'NR==k{print $2}')
  rm -f "$OUT/$name.walls"
  cp "$OUT/$name.$mid.time" "$OUT/$name.time"; cp "$OUT/$name.$mid.stdout" "$OUT/$name.stdout"
  echo "$name: median of $RUNS is run $mid"
}
cpu() { awk '/User time/{u=$4} /System time/{s=$4} END{print u+s}' "$OUT/$1.time"; }
wall() { awk '/Elapsed/{n=split($8,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$OUT/$1.time"; }
rss() { awk '/Maximum resident/{print $6}' "$OUT/$1.time"; }

echo "== signatures alone (one thread, clean bodies in memory)"
"$BIN/examples/dedup_bench" sig "$OUT/c$N_FULL.jsonl" 20000
echo "== corroborate dedup, $N_SUB articles"
warm "$OUT/sub.jsonl"
timed_median corroborate_sub "$BIN/corroborate" dedup "$OUT/sub.jsonl" -q
echo "== datasketch MinHashLSH, $N_SUB articles"
warm "$OUT/sub.jsonl"
timed datasketch_sub python3 scripts/bench_datasketch.py "$OUT/sub.jsonl" "$N_SUB" 128 28 4 "$OUT/ds_pairs.jsonl"
echo "== corroborate dedup --kinds exact,near,rewrite, $N_SUB articles (no target; bounded)"
timed corroborate_rewrite "$BIN/corroborate" dedup "$OUT/sub.jsonl" -q --kinds exact,near,rewrite
echo "rewrites reported: $(grep -c '"rewrite"' "$OUT/corroborate_rewrite.stdout" || true)"
echo "== corroborate dedup, $N_FULL articles"
warm "$OUT/c$N_FULL.jsonl"
timed_median corroborate_full "$BIN/corroborate" dedup "$OUT/c$N_FULL.jsonl" -q
echo "== datasketch MinHashLSH, $N_FULL articles"
warm "$OUT/c$N_FULL.jsonl"
timed datasketch_full python3 scripts/bench_datasketch.py "$OUT/c$N_FULL.jsonl" "$N_FULL" 128 28 4 "$OUT/ds_full_pairs.jsonl"
echo "== quality (threshold 0.7; a pair is right when its exact 5-gram Jaccard >= 0.7)"
echo -n "corroborate $N_SUB: "; "$BIN/examples/dedup_bench" eval "$OUT/sub.jsonl" "$OUT/t$N_FULL.jsonl" "$OUT/corroborate_sub.stdout" 0.7
echo -n "datasketch  $N_SUB: "; "$BIN/examples/dedup_bench" eval "$OUT/sub.jsonl" "$OUT/t$N_FULL.jsonl" "$OUT/ds_pairs.jsonl" 0.7
echo -n "corroborate $N_FULL: "; "$BIN/examples/dedup_bench" eval "$OUT/c$N_FULL.jsonl" "$OUT/t$N_FULL.jsonl" "$OUT/corroborate_full.stdout" 0.7
echo -n "datasketch  $N_FULL: "; "$BIN/examples/dedup_bench" eval "$OUT/c$N_FULL.jsonl" "$OUT/t$N_FULL.jsonl" "$OUT/ds_full_pairs.jsonl" 0.7
echo "== ratios"
python3 - "$(cpu datasketch_sub)" "$(cpu corroborate_sub)" "$(wall datasketch_sub)" "$(wall corroborate_sub)" \
  "$(cpu datasketch_full)" "$(cpu corroborate_full)" "$(wall datasketch_full)" "$(wall corroborate_full)" \
  "$(rss corroborate_full)" "$(rss corroborate_sub)" "$N_FULL" "$N_SUB" <<'PY'
import sys
dsc, coc, dsw, cow, dfc, cfc, dfw, cfw, rf, rs, nf, ns = map(float, sys.argv[1:])
for n, a, b, c, d in [(ns, dsc, coc, dsw, cow), (nf, dfc, cfc, dfw, cfw)]:
    print(f"{int(n)} articles: datasketch / corroborate, CPU time {a:.2f} / {b:.2f} s = {a/b:.1f}x;"
          f" wall {c:.2f} / {d:.2f} s = {c/d:.1f}x")
print(f"load average while measuring: {open('/proc/loadavg').read().split()[:3]}")
print(f"index memory: {(rf-rs)*1024/(nf-ns):.0f} bytes per article (peak RSS {int(nf)} vs {int(ns)})")
PY
