#!/usr/bin/env bash
# Read + clean + split throughput (one core), and extraction quality, with Python trafilatura
# side by side on the same 181 pages. Usage: scripts/bench-read.sh
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-$here/../shared}
cd "$here"
echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -m)"
echo "== corroborate: throughput (cargo bench -p corroborate --bench read)"
cargo bench -q -p corroborate --bench read 2>/dev/null
cargo build -q --release -p corroborate-cli
echo "== corroborate: extraction quality (scripts/score-extraction.sh)"
scripts/score-extraction.sh "$here/target/release/corroborate"
echo "== Python trafilatura on the same pages"
python3 -c "import trafilatura" 2>/dev/null || pip install -q trafilatura lxml_html_clean
python3 - "$shared" <<'PY'
import glob, gzip, json, os, subprocess, sys, tempfile, time
import trafilatura
shared = sys.argv[1]
pages = []
for p in sorted(glob.glob(f"{shared}/data/article-extraction/html/*.html.gz")):
    pages.append((os.path.basename(p)[:-8], gzip.open(p).read()))
mb = sum(len(h) for _, h in pages) / 1e6
start = time.process_time()  # CPU time, as the Rust bench measures
pred = {}
for key, html in pages:
    pred[key] = {"articleBody": trafilatura.extract(html.decode("utf-8", "replace")) or ""}
secs = time.process_time() - start
print(f"trafilatura {trafilatura.__version__}: {len(pages)} pages, {mb:.1f} MB in {secs:.2f} s: {mb/secs:.2f} MB/s on one core")
with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
    json.dump(pred, f)
subprocess.run([sys.executable, f"{shared}/eval/score_extraction.py", "--gold",
                f"{shared}/data/article-extraction/ground-truth.json", "--pred", f.name], check=True)
PY
