#!/usr/bin/env bash
# Runs every fuzz target for a short while: FUZZ_SECONDS each (default 60),
# starting from its committed corpus in fuzz/corpus/TARGET. CI runs this on
# every run (.ci/run).
#
# cargo-fuzz needs nightly features; RUSTC_BOOTSTRAP=1 lets the stable
# toolchain accept them. No sanitizer: the code is safe Rust, where the
# bugs to find are panics (checked with debug assertions and overflow
# checks on, cargo-fuzz's default), and ASan would double the build.
#
# New inputs libFuzzer finds go to a scratch folder, so a run leaves the
# committed corpus alone. A crash fails the run; its input is in
# fuzz/artifacts/TARGET/, and becomes a regression test before it is fixed.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${FUZZ_SECONDS:-60}

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "cargo-fuzz not found; installing it" >&2
  cargo install cargo-fuzz --locked
fi
export RUSTC_BOOTSTRAP=1

cargo fuzz build --sanitizer none
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
for target in $(cargo fuzz list); do
  mkdir -p "$scratch/$target" "corpus/$target"
  echo "fuzzing $target for ${seconds}s" >&2
  cargo fuzz run --sanitizer none "$target" "$scratch/$target" "corpus/$target" -- \
    -max_total_time="$seconds" -max_len=65536 -timeout=30 -print_final_stats=1
done
