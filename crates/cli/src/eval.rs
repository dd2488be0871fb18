//! `dossier eval …`: evaluation commands that score an extractor against
//! labelled data and print precision, recall and F1.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Subcommand;
use dossier_eval::{cleaner as cleaner_eval, extraction};

#[derive(Subcommand)]
pub enum EvalCommand {
    /// The plain-text cleaner, line by line, against annotated articles
    /// (format: crates/extract/testdata/cleaner/README.md).
    Cleaner {
        /// Folder of annotated `*.txt` articles.
        #[arg(long, default_value = "crates/extract/testdata/cleaner")]
        gold: PathBuf,
        /// Also list every line the cleaner got wrong.
        #[arg(long)]
        errors: bool,
    },
    /// Actor mentions and their resolution against annotated passages
    /// (format: crates/actors/testdata/README.md).
    Actors {
        #[arg(long, default_value = "crates/actors/testdata")]
        gold: PathBuf,
        /// Also list every missed, wrong or spurious mention.
        #[arg(long)]
        errors: bool,
    },
    /// Stance statements (holder, polarity) and their grouping across
    /// documents, through the link stage, against annotated stories
    /// (format: crates/stances/testdata/README.md).
    Stances {
        #[arg(long, default_value = "crates/stances/testdata")]
        dir: PathBuf,
        /// Also list every missed or spurious statement and every pair
        /// grouped wrongly.
        #[arg(long)]
        errors: bool,
    },
    /// Time expressions against TempEval-3 TimeML files (span and value P/R/F1).
    Times {
        /// Folder searched recursively for *.tml files.
        #[arg(long, default_value = "../shared/eval/tempeval3/train")]
        gold: PathBuf,
    },
    /// Quote attribution against PolNeAR (content and source P/R/F1, direct quotes apart).
    Quotes {
        /// A PolNeAR split folder (with text/ and attributions/): the
        /// development set.
        #[arg(long, default_value = "../shared/eval/polnear/dev")]
        gold: PathBuf,
        /// The split a held-out sample is drawn from (every
        /// `--heldout-every`-th article): scored, never tuned on.
        #[arg(long, default_value = "../shared/eval/polnear/train")]
        heldout: PathBuf,
        #[arg(long, default_value_t = 10)]
        heldout_every: usize,
    },
    /// Event types on PLOVER's coded sentences: per-type P/R/F1, macro F1, actor accuracy.
    Plover {
        /// Folder with PLOVER_GSR_CAMEO.txt and CAMEO2PLOVER-2021.txt.
        #[arg(long, default_value = "../shared/eval/plover")]
        gold: PathBuf,
    },
    /// Story event types on NGEC synthetic stories, cross-validated by story
    /// and by headline: per-type P/R/F1 and macro F1.
    Ngec {
        /// Folder with dev.jsonl (and synthetic_headlines.csv).
        #[arg(long, default_value = "../shared/eval/ngec-synthetic")]
        gold: PathBuf,
    },
    /// People, direct quotes with speakers and PLOVER events against real
    /// news annotated by people (format: crates/analyze/testdata/realnews/README.md):
    /// the development half and the held-out half side by side.
    Realnews {
        /// Folder with dev.json and heldout.json.
        #[arg(long, default_value = "crates/analyze/testdata/realnews")]
        gold: PathBuf,
        /// The shared evaluation folder the annotations' `file` paths are under.
        #[arg(long, default_value = "../shared/eval")]
        data: PathBuf,
        /// Also list the development half's errors (never the held-out half's).
        #[arg(long)]
        errors: bool,
        /// Fit the event confidence weights on the development half and
        /// write them to this file (lexicons/event_confidence.tsv).
        #[arg(long, value_name = "FILE")]
        fit_confidence: Option<PathBuf>,
    },
    /// Provenance (near-duplicates, reuse, spun copies) on a generated corpus
    /// of labelled copies of real article bodies: precision and recall per kind.
    Provenance {
        /// JSON object {id: {"articleBody": …}} of article bodies to copy.
        #[arg(long, default_value = "../shared/eval/extraction/ground-truth.json")]
        bodies: PathBuf,
        /// Unrelated generated documents added as negatives.
        #[arg(long, default_value_t = 1000)]
        negatives: usize,
    },
    /// Spun-text detection on real human-written news (false flags per
    /// 1,000 articles) and on spun copies of it at 20 % and 40 % synonyms,
    /// made with the detector's own thesaurus and with one it never saw:
    /// the development pool (PolNeAR train) and the held-out pool (PolNeAR
    /// dev, the extraction benchmark's bodies, TempEval-3, the seeds) side
    /// by side.
    Spun {
        /// The shared evaluation folder (the seeds are read from its
        /// sibling `corpus/seeds`).
        #[arg(long, default_value = "../shared/eval")]
        data: PathBuf,
        /// Folder of Aiksaurus's words.dat and meanings.dat, the
        /// independent spinner's thesaurus (Debian package
        /// libaiksaurus-1.2-data).
        #[arg(long, default_value = "/usr/share/aiksaurus")]
        thesaurus: PathBuf,
        /// Also list the development pool's false flags with their evidence
        /// (never the held-out pool's).
        #[arg(long)]
        errors: bool,
    },
    /// Passage reuse on real news: 2-4 sentences lifted, lightly edited,
    /// from one human-written article into another unrelated one; recall
    /// (with the passage's span) by sentences lifted, and link precision,
    /// for the development and held-out pools (as `eval spun`).
    Passages {
        /// The shared evaluation folder.
        #[arg(long, default_value = "../shared/eval")]
        data: PathBuf,
    },
    /// Story grouping on the pile in the store (`--db`): regroups it
    /// without writing and prints the largest story's share of the pile,
    /// the stories of two or more documents, and a sample to check by hand
    /// (`bench/stories.sh` builds a real multi-topic pile and runs this).
    Stories {
        /// Documents whose origin contains this must form one story (e.g.
        /// `corpus/seeds/`): says whether they do.
        #[arg(long)]
        together: Option<String>,
        /// Stories to print for a hand check: the largest half, then the
        /// rest spread evenly over the remaining multi-document stories.
        #[arg(long, default_value_t = 20)]
        sample: usize,
    },
    /// Main-content extraction from web pages, with the Article Extraction
    /// Benchmark's metric (4-token shingles, averaged over pages).
    Extraction {
        /// JSON object {id: {"articleBody": …}} of true article bodies.
        #[arg(long, default_value = "../shared/eval/extraction/ground-truth.json")]
        gold: PathBuf,
        /// Folder of pages named <id>.html or <id>.html.gz.
        #[arg(long, default_value = "../shared/eval/extraction/html")]
        html: PathBuf,
        /// Score texts another tool extracted (`<id>.txt` in this folder)
        /// instead of running dossier: compares tools under one metric.
        #[arg(long)]
        extracted: Option<PathBuf>,
        /// List the N worst pages.
        #[arg(long, default_value_t = 0)]
        worst: usize,
    },
}

/// Where to get the data of an evaluation that dossier does not ship (their
/// licences do not allow copying them into the repository); by default it is
/// looked for in `../shared/eval/` beside the checkout.
struct External {
    command: &'static str,
    what: &'static str,
    source: &'static str,
    flag: &'static str,
}

const TEMPEVAL: External = External {
    command: "times",
    what: "TempEval-3's training data (TBAQ-cleaned: TimeBank and AQUAINT in TimeML, *.tml)",
    source: "the SemEval-2013 task 1 (TempEval-3) data page, file TBAQ-cleaned",
    flag: "--gold DIR",
};
const POLNEAR: External = External {
    command: "quotes",
    what: "a split of the PolNeAR corpus (a folder with text/ and attributions/)",
    source: "github.com/networkdynamics/PolNeAR (data/ holds train, dev and test)",
    flag: "--gold DIR",
};
const PLOVER: External = External {
    command: "plover",
    what: "PLOVER's gold standard records (PLOVER_GSR_CAMEO.txt and CAMEO2PLOVER-2021.txt)",
    source: "github.com/openeventdata/PLOVER (both files are at its top level)",
    flag: "--gold DIR",
};
const NGEC: External = External {
    command: "ngec",
    what: "NGEC's synthetic stories as dev.jsonl (id, title, text, label, mode) and synthetic_headlines.csv",
    source: "github.com/ahalterman/NGEC, setup/train_classifiers/ (the gpt_synthetic_events JSON Lines and synthetic_headlines.csv)",
    flag: "--gold DIR",
};
const BENCHMARK: External = External {
    command: "extraction",
    what: "the Article Extraction Benchmark (ground-truth.json and html/<id>.html.gz)",
    source: "github.com/scrapinghub/article-extraction-benchmark",
    flag: "--gold FILE --html DIR",
};
const PROVENANCE: External = External {
    command: "provenance",
    what: "article bodies to copy: the Article Extraction Benchmark's ground-truth.json",
    source: "github.com/scrapinghub/article-extraction-benchmark",
    flag: "--bodies FILE",
};

impl External {
    /// `Ok` if `path` exists, else an error saying where to get the data.
    fn check(&self, path: &Path) -> anyhow::Result<()> {
        if path.exists() {
            return Ok(());
        }
        anyhow::bail!(
            "{} not found: `dossier eval {}` needs {}, which dossier does not ship (its licence \
             does not allow copying it). Get it from {}, then pass {} or put it at {}",
            path.display(),
            self.command,
            self.what,
            self.source,
            self.flag,
            path.display()
        )
    }
}

/// An input file's clean article, read and cleaned as `analyze` does (an
/// empty article when nothing could be read: the scorers report it).
fn read_article(origin: &str, bytes: Vec<u8>) -> dossier_model::Article {
    let raw = dossier_sources::read_bytes(origin, bytes)
        .docs
        .into_iter()
        .next();
    raw.map(|raw| dossier_extract::extract(&raw))
        .unwrap_or_default()
}

pub fn run(command: EvalCommand, db: &Path) -> anyhow::Result<ExitCode> {
    match command {
        EvalCommand::Stories { together, sample } => eval_stories(db, together.as_deref(), sample),
        EvalCommand::Plover { gold } => {
            PLOVER.check(&gold)?;
            let records = dossier_eval::plover::load(&gold).map_err(anyhow::Error::msg)?;
            println!("{}", dossier_eval::plover::score(&records).summary());
            Ok(ExitCode::SUCCESS)
        }
        EvalCommand::Ngec { gold } => {
            use dossier_eval::ngec;
            NGEC.check(&gold)?;
            let (stories, headlines) = ngec::load(&gold).map_err(anyhow::Error::msg)?;
            println!(
                "{}",
                ngec::score(&stories, &headlines, &Default::default()).summary()
            );
            Ok(ExitCode::SUCCESS)
        }
        EvalCommand::Times { gold } => {
            TEMPEVAL.check(&gold)?;
            let s = dossier_eval::times::score_tempeval(&gold).map_err(anyhow::Error::msg)?;
            println!("{}", s.summary());
            Ok(ExitCode::SUCCESS)
        }
        EvalCommand::Quotes {
            gold,
            heldout,
            heldout_every,
        } => {
            use dossier_eval::quotes;
            POLNEAR.check(&gold)?;
            let dev = quotes::score_polnear(&gold).map_err(anyhow::Error::msg)?;
            println!("development: {}", dev.summary());
            if heldout.exists() {
                let held = quotes::score_polnear_every(&heldout, heldout_every)
                    .map_err(anyhow::Error::msg)?;
                println!(
                    "\nheld-out (every {heldout_every}th article of {}): {}",
                    heldout.display(),
                    held.summary()
                );
            } else {
                eprintln!(
                    "dossier: no held-out split at {} (pass --heldout DIR)",
                    heldout.display()
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        EvalCommand::Realnews {
            gold,
            data,
            errors,
            fit_confidence,
        } => {
            use dossier_eval::realnews;
            let dev = realnews::load(&gold.join("dev.json"), &data, read_article)
                .map_err(anyhow::Error::msg)?;
            let heldout = realnews::load(&gold.join("heldout.json"), &data, read_article)
                .map_err(anyhow::Error::msg)?;
            let (dev, heldout) = (realnews::score(&dev), realnews::score(&heldout));
            let mut out = realnews::summary(&dev, &heldout);
            if errors {
                for line in &dev.errors {
                    out += &format!("  {line}\n");
                }
            }
            crate::write_stdout(out.as_bytes())?;
            if let Some(path) = fit_confidence {
                std::fs::write(&path, realnews::fit_confidence(&dev))
                    .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
                eprintln!("dossier: wrote the fitted weights to {}", path.display());
            }
            Ok(ExitCode::SUCCESS)
        }
        EvalCommand::Spun {
            data,
            thesaurus,
            errors,
        } => {
            use dossier_eval::{human, spun};
            let independent = spun::Aiksaurus::load(&thesaurus).map_err(anyhow::Error::msg)?;
            let pools = human::load(&data, read_article).map_err(anyhow::Error::msg)?;
            for skip in &pools.skipped {
                eprintln!("dossier: skipped {skip}");
            }
            let report = spun::evaluate(&pools, &independent);
            let mut out = report.to_string();
            if errors {
                out += "development pool's false flags:\n";
                out += &report.dev_errors();
            }
            crate::write_stdout(out.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        EvalCommand::Passages { data } => {
            use dossier_eval::{human, passages};
            let pools = human::load(&data, read_article).map_err(anyhow::Error::msg)?;
            for skip in &pools.skipped {
                eprintln!("dossier: skipped {skip}");
            }
            println!("{}", passages::evaluate(&pools));
            Ok(ExitCode::SUCCESS)
        }
        EvalCommand::Provenance { bodies, negatives } => {
            use dossier_eval::provenance::{evaluate, load_bodies, Corpus, SEED};
            PROVENANCE.check(&bodies)?;
            let texts = load_bodies(&bodies)
                .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", bodies.display()))?;
            let corpus = Corpus::generate(&texts, negatives, SEED);
            println!("{}", evaluate(&corpus));
            Ok(ExitCode::SUCCESS)
        }
        EvalCommand::Stances { dir, errors } => {
            use dossier_eval::stances;
            let stories = stances::load_dir(&dir).map_err(anyhow::Error::msg)?;
            if stories.is_empty() {
                anyhow::bail!("no annotated *.txt stories in {}", dir.display());
            }
            let s = stances::score(&stories, group_predicted);
            println!("{}", s.summary());
            if errors {
                for (place, text, gold, got) in &s.errors {
                    println!("  {place}: gold {gold} got {got}: {text}");
                }
                for (story, a, b, kind) in &s.pair_errors {
                    println!("  {story}: {kind}: {a} | {b}");
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        EvalCommand::Actors { gold, errors } => {
            let passages = dossier_eval::actors::load_dir(&gold).map_err(anyhow::Error::msg)?;
            if passages.is_empty() {
                anyhow::bail!("no annotated *.txt passages in {}", gold.display());
            }
            let s = dossier_eval::actors::score(&passages);
            println!("{}", s.summary());
            if errors {
                for (passage, surface, gold, got) in &s.errors {
                    println!("  {passage}: {surface:?} gold {gold} got {got}");
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        EvalCommand::Extraction {
            gold,
            html,
            extracted,
            worst,
        } => eval_extraction(&gold, &html, extracted.as_deref(), worst),
        EvalCommand::Cleaner { gold, errors } => {
            let articles = cleaner_eval::load_gold_dir(&gold).map_err(anyhow::Error::msg)?;
            if articles.is_empty() {
                anyhow::bail!("no annotated *.txt articles in {}", gold.display());
            }
            let s = cleaner_eval::score(&articles);
            println!("cleaner on {} articles ({})", s.articles, gold.display());
            println!(
                "kept lines (body+subhead): precision {:.3}  recall {:.3}  F1 {:.3}",
                s.kept.precision(),
                s.kept.recall(),
                s.kept.f1()
            );
            println!(
                "subheads:                  precision {:.3}  recall {:.3}  F1 {:.3}",
                s.subheads.precision(),
                s.subheads.recall(),
                s.subheads.f1()
            );
            println!(
                "titles right:              {}/{} ({:.3})",
                s.titles_right,
                s.articles,
                s.titles_right as f64 / s.articles as f64
            );
            if errors {
                for e in &s.errors {
                    let why = if e.reason.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", e.reason)
                    };
                    println!(
                        "  {}:{}: gold {} got {}{why}: {}",
                        e.article, e.line, e.gold, e.predicted, e.text
                    );
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn eval_extraction(
    gold: &Path,
    html: &Path,
    extracted: Option<&Path>,
    worst: usize,
) -> anyhow::Result<ExitCode> {
    use rayon::prelude::*;
    BENCHMARK.check(gold)?;
    if extracted.is_none() {
        BENCHMARK.check(html)?;
    }
    let text = std::fs::read_to_string(gold)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", gold.display()))?;
    let truth: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&text)
        .map_err(|e| anyhow::anyhow!("{} is not a JSON object: {e}", gold.display()))?;
    let mut ids: Vec<&String> = truth.keys().collect();
    ids.sort();
    let pages: Vec<extraction::PageScore> = ids
        .par_iter()
        .map(|id| {
            let body = truth[*id]["articleBody"].as_str().unwrap_or("");
            let extracted = match extracted {
                Some(dir) => {
                    std::fs::read_to_string(dir.join(format!("{id}.txt"))).unwrap_or_default()
                }
                None => ["html", "html.gz"]
                    .iter()
                    .map(|ext| html.join(format!("{id}.{ext}")))
                    .find(|p| p.exists())
                    .map(|path| extract_page(&path))
                    .unwrap_or_default(),
            };
            extraction::score_page(id, body, &extracted)
        })
        .collect();
    let o = extraction::overall(&pages);
    let source = extracted.map_or_else(
        || format!("dossier on {}", html.display()),
        |d| format!("texts in {}", d.display()),
    );
    println!("extraction: {} pages, {source}", pages.len());
    println!(
        "precision {:.4}  recall {:.4}  F1 {:.4}",
        o.precision, o.recall, o.f1
    );
    let mut sorted: Vec<&extraction::PageScore> = pages.iter().collect();
    sorted.sort_by(|a, b| a.f1().total_cmp(&b.f1()));
    for p in sorted.iter().take(worst) {
        println!(
            "  {:.3}  P {:.3}  R {:.3}  {}",
            p.f1(),
            p.precision.unwrap_or(f64::NAN),
            p.recall.unwrap_or(f64::NAN),
            p.id
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Reads a page like `analyze` does (gzip, charset) and returns its clean text.
fn extract_page(path: &Path) -> String {
    let read = dossier_sources::read_input(&dossier_sources::Input::File(path.to_path_buf()));
    read.docs
        .first()
        .map(|raw| dossier_extract::extract(raw).text)
        .unwrap_or_default()
}

/// `dossier eval stories`: see [`EvalCommand::Stories`].
fn eval_stories(db: &Path, together: Option<&str>, sample: usize) -> anyhow::Result<ExitCode> {
    let store = dossier_store::Store::open_existing(db)?;
    let provenance = crate::link::Provenance::load(&store)?;
    let started = std::time::Instant::now();
    let mut stories = crate::link::group_stories(&store, &provenance)?;
    let seconds = started.elapsed().as_secs_f64();
    let docs: std::collections::HashMap<String, dossier_store::DocumentRow> = store
        .documents()?
        .into_iter()
        .map(|d| (d.id.clone(), d))
        .collect();
    stories.sort_by(|a, b| {
        b.documents
            .len()
            .cmp(&a.documents.len())
            .then(a.id.cmp(&b.id))
    });
    let n = docs.len().max(1);
    let multi: Vec<&dossier_store::StoryRow> =
        stories.iter().filter(|s| s.documents.len() >= 2).collect();
    let largest = stories.first().map_or(0, |s| s.documents.len());
    println!(
        "stories on {} documents (grouped in {seconds:.2} s): {} stories, {} of two or more documents holding {} documents",
        docs.len(),
        stories.len(),
        multi.len(),
        multi.iter().map(|s| s.documents.len()).sum::<usize>()
    );
    println!(
        "largest story: {largest} documents = {:.1} % of the pile",
        100.0 * largest as f64 / n as f64
    );
    let mut sizes: std::collections::BTreeMap<usize, usize> = Default::default();
    for s in &multi {
        *sizes.entry(s.documents.len()).or_default() += 1;
    }
    let sizes: Vec<String> = sizes.iter().map(|(k, v)| format!("{k}: {v}")).collect();
    println!("multi-document stories by size: {}", sizes.join(", "));
    if let Some(part) = together {
        let holding: std::collections::BTreeSet<&str> = stories
            .iter()
            .filter(|s| {
                s.documents
                    .iter()
                    .any(|d| docs.get(d).is_some_and(|d| d.origin.contains(part)))
            })
            .map(|s| s.id.as_str())
            .collect();
        println!(
            "documents from {part:?}: in {} stor{}",
            holding.len(),
            if holding.len() == 1 { "y" } else { "ies" }
        );
    }
    // The largest half of the sample, then the rest spread evenly.
    let first = (sample / 2).min(multi.len());
    let rest = &multi[first..];
    let step = (rest.len() as f64 / (sample - first).max(1) as f64).max(1.0);
    let picked = multi[..first].iter().chain(
        (0..sample - first)
            .map(|k| (k as f64 * step) as usize)
            .take_while(|&i| i < rest.len())
            .map(|i| &rest[i]),
    );
    for s in picked {
        println!(
            "\n== {} ({} documents, {} independent sources, {} .. {})\n   evidence: {}",
            s.name,
            s.documents.len(),
            s.independent_sources,
            s.first_date.as_deref().unwrap_or("?"),
            s.last_date.as_deref().unwrap_or("?"),
            s.evidence.join(", ")
        );
        for d in s.documents.iter().take(8) {
            let (title, outlet) = docs
                .get(d)
                .map_or((None, None), |d| (d.title.as_deref(), d.outlet.as_deref()));
            let line = format!("   - [{}] {}", outlet.unwrap_or("-"), title.unwrap_or(d));
            println!("{}", line.chars().take(150).collect::<String>());
        }
        if s.documents.len() > 8 {
            println!("   … {} more", s.documents.len() - 8);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The link stage's grouping of one story's predicted statements, as the
/// stance scorer (`dossier eval stances`) takes it: a group number for
/// each statement.
fn group_predicted(
    predicted: &[dossier_eval::stances::Predicted],
    links: &[(String, String)],
) -> Vec<usize> {
    let inputs: Vec<dossier_link::StatementInput> = predicted
        .iter()
        .map(|p| dossier_link::StatementInput {
            document: p.document.clone(),
            holder: p.stance.holder.clone(),
            polarity: p.stance.polarity.name().to_string(),
            topic: p.stance.topic.clone(),
            topic_actors: p.stance.topic_actors.clone(),
            text: p.text.clone(),
            span: (p.stance.span.start, p.stance.span.end),
            cue: (p.stance.cue.start, p.stance.cue.end),
            speaker: p.speaker.clone(),
            facet: crate::link::facet_of(&p.text, p.stance.span.start, p.stance.polarity),
            // The scorer groups one story at a time.
            story: Some(String::new()),
            spun: false,
        })
        .collect();
    let mut out = vec![0; predicted.len()];
    for (g, group) in dossier_link::group_statements(&inputs, links)
        .iter()
        .enumerate()
    {
        for m in &group.members {
            out[m.statement] = g;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use dossier_eval::stances;

    use super::group_predicted;

    /// The stance development set through analysis and the link stage's
    /// grouping: a regression guard; the figures at the time of writing
    /// are in crates/stances/testdata/README.md.
    #[test]
    fn stances_development_set_scores() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../stances/testdata");
        let stories = stances::load_dir(&dir).unwrap();
        let documents: usize = stories.iter().map(|s| s.documents.len()).sum();
        assert!(documents >= 30, "{documents} documents");
        let s = stances::score(&stories, group_predicted);
        for e in &s.errors {
            eprintln!("{e:?}");
        }
        for e in &s.pair_errors {
            eprintln!("{e:?}");
        }
        eprintln!("{}", s.summary());
        let (st, gr) = (&s.statements, &s.grouping);
        assert!(
            st.precision() >= 0.9 && st.recall() >= 0.9,
            "{}",
            s.summary()
        );
        assert!(
            gr.precision() >= 0.9 && gr.recall() >= 0.5,
            "{}",
            s.summary()
        );
    }
}
