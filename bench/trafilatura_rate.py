"""Times trafilatura.extract over a folder of pages on one core.

Pages are read and decoded before timing, as dossier's bench does, so only
extraction is measured. Prints a human line and a JSON line.
Usage: python trafilatura_rate.py DIR [ROUNDS] [OUT_DIR]
With OUT_DIR, also writes each page's extracted text to OUT_DIR/<id>.txt so
`dossier eval extraction --extracted OUT_DIR` scores it with dossier's metric.
"""
import gzip
import json
import os
import resource
import sys
import time

import trafilatura


def load(folder):
    pages = []
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        opener = gzip.open if name.endswith(".gz") else open
        with opener(path, "rb") as f:
            pages.append((name.split(".")[0], f.read().decode("utf-8", errors="replace")))
    return pages


def main():
    folder = sys.argv[1]
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    out_dir = sys.argv[3] if len(sys.argv) > 3 else None
    pages = load(folder)
    size = sum(len(p.encode("utf-8")) for _, p in pages)
    for page_id, p in pages:  # warm-up, and the texts for scoring
        text = trafilatura.extract(p) or ""
        if out_dir:
            os.makedirs(out_dir, exist_ok=True)
            with open(os.path.join(out_dir, page_id + ".txt"), "w", encoding="utf-8") as f:
                f.write(text)
    start = time.perf_counter()
    for _ in range(rounds):
        for _, p in pages:
            trafilatura.extract(p)
    secs = time.perf_counter() - start
    rate = len(pages) * rounds / secs
    mb = size * rounds / secs / 1e6
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"trafilatura {trafilatura.__version__}: {len(pages)} pages x {rounds} rounds: "
          f"{rate:.1f} pages/s, {mb:.2f} MB/s on one core, peak RSS {rss:.1f} MiB")
    print(json.dumps({"pages_per_s": rate, "mb_per_s": mb, "peak_rss_mib": rss}))


if __name__ == "__main__":
    main()
