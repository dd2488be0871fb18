//! `dossier eval …`: evaluation commands that score an extractor against
//! labelled data and print precision, recall and F1.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;
use dossier_extract::eval as cleaner_eval;

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
}

pub fn run(command: EvalCommand) -> anyhow::Result<ExitCode> {
    match command {
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
