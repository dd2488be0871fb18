//! Developer tasks for the shipped text model (`models/parse/model.bin`).
//!
//! ```text
//! cargo run -p xtask --release -- tokenize DOCS.jsonl > TOKENS.jsonl
//! cargo run -p xtask --release -- train-parse SILVER_DIR [--out models/parse/model.bin] [--bits T,M,L,S,K] [--epochs T,P,N]
//! cargo run -p xtask --release -- eval-parse SILVER_DIR [--model FILE]
//! cargo run -p xtask --release -- train-story-classifier [NGEC_DIR] [--out FILE]
//! ```
//!
//! `tokenize` reads JSON Lines `{"id", "text"}` and writes each document's
//! sentences as the product tokenises them (`{"id", "sents": [{"words",
//! "spaces"}]}`): what `tools/parse/teacher.py` feeds the teacher.
//! `train-parse` trains the tagger, parser and entity recogniser on
//! `SILVER_DIR/train/*.conllu`; `eval-parse` prints their agreement with the
//! teacher on `SILVER_DIR/heldout/*.conllu`. `train-story-classifier`
//! trains the PLOVER story classifier on the NGEC synthetic stories and
//! headlines (default `../shared/eval/ngec-synthetic`) and writes the
//! weights dossier compiles in (default
//! `lexicons/plover_story_classifier.tsv`); training is deterministic.

use std::io::{BufRead, Write};
use std::path::PathBuf;

use dossier_text::train;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(cmd) = args.first() else {
        eprintln!("usage: xtask tokenize|train-parse|eval-parse|train-story-classifier …");
        std::process::exit(2);
    };
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let positional: Vec<&String> = {
        let mut out = Vec::new();
        let mut skip = false;
        for a in &args[1..] {
            if skip {
                skip = false;
            } else if a.starts_with("--") {
                skip = true;
            } else {
                out.push(a);
            }
        }
        out
    };
    match cmd.as_str() {
        "train-story-classifier" => {
            let dir = positional.first().map_or_else(
                || PathBuf::from("../shared/eval/ngec-synthetic"),
                PathBuf::from,
            );
            let out =
                flag("--out").unwrap_or_else(|| "lexicons/plover_story_classifier.tsv".into());
            train_story_classifier(&dir, &out);
        }
        "tokenize" => write_tokens(positional.first().map(|s| s.as_str())),
        "train-parse" => {
            let dir = PathBuf::from(positional.first().expect("SILVER_DIR"));
            let out = flag("--out").unwrap_or_else(|| "models/parse/model.bin".into());
            let mut opts = train::Options::default();
            if let Some(b) = flag("--bits") {
                let v: Vec<u32> = b
                    .split(',')
                    .map(|x| x.parse().expect("--bits T,M,L,S,K"))
                    .collect();
                opts.bits = [v[0], v[1], v[2], v[3], v[4]];
            }
            if let Some(e) = flag("--epochs") {
                let v: Vec<usize> = e
                    .split(',')
                    .map(|x| x.parse().expect("--epochs T,P,N"))
                    .collect();
                opts.epochs = [v[0], v[1], v[2]];
            }
            if let Some(n) = flag("--max-sentences") {
                opts.max_sentences = n.parse().expect("--max-sentences N");
            }
            let model = train::train(&dir.join("train"), &opts);
            let bytes = model.to_bytes();
            std::fs::write(&out, &bytes).unwrap_or_else(|e| panic!("{out}: {e}"));
            eprintln!("wrote {out} ({:.1} MB)", bytes.len() as f64 / 1e6);
            let report = train::evaluate(&model, &dir.join("heldout"));
            println!("{report}");
        }
        "eval-parse" => {
            let dir = PathBuf::from(positional.first().expect("SILVER_DIR"));
            let model = match flag("--model") {
                Some(path) => {
                    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
                    dossier_text::Model::from_bytes(&bytes)
                        .unwrap_or_else(|e| panic!("{path}: {e}"))
                }
                None => dossier_text::model().clone(),
            };
            let heldout = if dir.join("heldout").is_dir() {
                dir.join("heldout")
            } else {
                dir
            };
            println!("{}", train::evaluate(&model, &heldout));
        }
        _ => {
            eprintln!("unknown task {cmd}");
            std::process::exit(2);
        }
    }
}

/// JSON Lines documents in → their sentences' tokens out.
fn write_tokens(path: Option<&str>) {
    let input: Box<dyn BufRead> = match path {
        Some(p) if p != "-" => Box::new(std::io::BufReader::new(
            std::fs::File::open(p).unwrap_or_else(|e| panic!("{p}: {e}")),
        )),
        _ => Box::new(std::io::stdin().lock()),
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for line in input.lines() {
        let line = line.expect("read");
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(&line).expect("a JSON object");
        let id = v["id"].clone();
        let text = v["text"].as_str().unwrap_or("");
        let doc = dossier_text::Doc::new(text);
        let sents: Vec<serde_json::Value> = doc
            .sentences()
            .iter()
            .map(|s| {
                let r = s.token_range();
                let words: Vec<&str> = r.clone().map(|i| doc.token_text(i)).collect();
                let spaces: Vec<bool> = r.clone().map(|i| doc.space_after(i)).collect();
                serde_json::json!({"words": words, "spaces": spaces})
            })
            .collect();
        writeln!(out, "{}", serde_json::json!({"id": id, "sents": sents})).expect("write");
    }
}

/// Trains the story classifier on every NGEC story and headline and writes
/// its weights with a header saying how.
fn train_story_classifier(dir: &std::path::Path, out: &str) {
    use dossier_analyze::events::classify::Training;
    use dossier_eval::ngec;
    let (stories, headlines) = ngec::load(dir).unwrap_or_else(|e| {
        eprintln!(
            "{e}\nthe NGEC synthetic stories are not in the repository: get them from \
             github.com/ahalterman/NGEC (setup/train_classifiers/) into {}",
            dir.display()
        );
        std::process::exit(2)
    });
    let t = Training::default();
    let model = ngec::train_all(&ngec::prepare(&stories, &headlines), &t);
    let header = format!(
        "PLOVER story classifier: weights per feature and type (format in lexicons/README.md).\n\
         Trained by `cargo run -p xtask --release -- train-story-classifier` on the {} NGEC\n\
         synthetic stories (../shared/eval/ngec-synthetic/dev.jsonl) and their {} headlines; {t:?}.",
        stories.len(),
        headlines.len()
    );
    std::fs::write(out, model.to_tsv(&header)).unwrap_or_else(|e| {
        eprintln!("cannot write {out}: {e}");
        std::process::exit(1)
    });
    println!("wrote {out}");
}
