#!/bin/sh
# Trains the PLOVER story classifier on the NGEC synthetic stories and their
# headlines (../shared/eval/ngec-synthetic) and writes the weights to
# lexicons/plover_story_classifier.tsv, which dossier compiles in. Training
# is deterministic: the same data gives the same file.
#
# Usage: tools/train_story_classifier.sh
# Then check the cross-validated scores:
#   cargo run --release -- eval ngec
set -eu
cd "$(dirname "$0")/.."
cargo run -p xtask --release -- train-story-classifier
# The new weights are compiled in on the next build.
wc -c lexicons/plover_story_classifier.tsv
