#!/bin/sh
# Trains the PLOVER story classifier on the NGEC synthetic stories and their
# headlines (../shared/eval/ngec-synthetic) and writes the weights to
# lexicons/plover_story_classifier.tsv, which dossier compiles in. Training
# is deterministic: the same data gives the same file.
#
# Usage: tools/train_story_classifier.sh
# Then check the cross-validated scores:
#   cargo nextest run -p dossier-analyze --run-ignored only ngec_dev_score
set -eu
cd "$(dirname "$0")/.."
cargo nextest run -p dossier-analyze --run-ignored only write_story_classifier --no-capture
# The new weights are compiled in on the next build.
wc -c lexicons/plover_story_classifier.tsv
