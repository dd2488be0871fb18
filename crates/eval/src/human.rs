//! Human-written news read from the shared evaluation folder, split once
//! for every link-stage evaluation that needs real text (`eval spun`,
//! `eval passages`):
//!
//! - **development** (tune on it, read its errors): PolNeAR's `train` split,
//!   840 political articles from 7 outlets;
//! - **held-out** (scored, never inspected while tuning): PolNeAR's `dev`
//!   split (84), the extraction benchmark's article bodies (91, unrelated
//!   topics), TempEval-3's training documents (TimeBank and AQUAINT, 256
//!   news stories of the 1990s and 2000s) and the seed articles
//!   (`../corpus/seeds`) except the one known to be machine-spun.
//!
//! Every text goes through the product's own reading and cleaning (the
//! caller passes it), so a figure is what a user gets from the same files.
//! A file that cannot be read, or that yields no text, is listed with its
//! reason, never dropped silently.

use std::path::{Path, PathBuf};

use dossier_model::Article;

/// Seeds that are machine-spun rewrites, not human text
/// (`crates/link/tests/seeds.rs` holds that 003 is spun and the others not).
pub const SPUN_SEEDS: &[&str] = &["003.txt"];

/// One human-written article: where it came from and its clean text.
#[derive(Debug, Clone)]
pub struct HumanText {
    pub origin: String,
    pub text: String,
}

#[derive(Debug, Default)]
pub struct Pools {
    pub dev: Vec<HumanText>,
    pub heldout: Vec<HumanText>,
    /// Seeds known to be machine-spun (real spinner output, a positive).
    pub spun_seeds: Vec<HumanText>,
    /// Inputs left out, each with its reason.
    pub skipped: Vec<String>,
}

/// The development pool's description, for reports.
pub const DEV_NAME: &str = "PolNeAR train";
/// The held-out pool's description, for reports.
pub const HELDOUT_NAME: &str = "PolNeAR dev + extraction bodies + TempEval-3 + seeds";

/// Reads both pools from `data` (the shared `eval/` folder; the seeds are
/// its sibling `corpus/seeds`). Fails only when the development split is
/// missing; a missing held-out source is a skip line.
pub fn load(data: &Path, read: impl Fn(&str, Vec<u8>) -> Article) -> Result<Pools, String> {
    let mut pools = Pools::default();
    let train = data.join("polnear/train/text");
    let files = files_with(&train, "txt").map_err(|e| {
        format!(
            "cannot read {}: {e} (the human-written pools are read from the shared evaluation \
             folder; pass --data DIR pointing at it)",
            train.display()
        )
    })?;
    let add = |to: &mut Vec<HumanText>, skipped: &mut Vec<String>, origin: String, bytes| {
        let article = read(&origin, bytes);
        if article.text.trim().is_empty() {
            skipped.push(format!("{origin}: no article text found"));
        } else {
            to.push(HumanText {
                origin,
                text: article.text,
            });
        }
    };
    for path in files {
        match std::fs::read(&path) {
            Ok(bytes) => add(
                &mut pools.dev,
                &mut pools.skipped,
                path.display().to_string(),
                bytes,
            ),
            Err(e) => pools.skipped.push(format!("{}: {e}", path.display())),
        }
    }
    let mut heldout: Vec<(String, Vec<u8>)> = Vec::new();
    let mut note = |what: &Path, e: String| pools.skipped.push(format!("{}: {e}", what.display()));
    let dev_split = data.join("polnear/dev/text");
    match files_with(&dev_split, "txt") {
        Ok(files) => {
            for path in files {
                match std::fs::read(&path) {
                    Ok(b) => heldout.push((path.display().to_string(), b)),
                    Err(e) => note(&path, e.to_string()),
                }
            }
        }
        Err(e) => note(&dev_split, e.to_string()),
    }
    let bodies = data.join("extraction/ground-truth.json");
    match crate::provenance::load_bodies(&bodies) {
        Ok(list) => {
            for (i, body) in list.into_iter().enumerate() {
                heldout.push((format!("{}#{i}", bodies.display()), body.into_bytes()));
            }
        }
        Err(e) => note(&bodies, e.to_string()),
    }
    let tempeval = data.join("tempeval3/train");
    match files_with(&tempeval, "tml") {
        Ok(files) => {
            for path in files {
                match std::fs::read_to_string(&path) {
                    // Read as plain text: the TimeML markup is not the article.
                    Ok(tml) => match timeml_text(&tml) {
                        Some(text) => {
                            heldout.push((format!("{}.txt", path.display()), text.into_bytes()))
                        }
                        None => note(&path, "no <TEXT> element".into()),
                    },
                    Err(e) => note(&path, e.to_string()),
                }
            }
        }
        Err(e) => note(&tempeval, e.to_string()),
    }
    let seeds = data.join("../corpus/seeds");
    let mut seed_texts = Vec::new();
    match files_with(&seeds, "txt") {
        Ok(files) => {
            for path in files {
                match std::fs::read(&path) {
                    Ok(b) => seed_texts.push((path, b)),
                    Err(e) => note(&path, e.to_string()),
                }
            }
        }
        Err(e) => note(&seeds, e.to_string()),
    }
    for (origin, bytes) in heldout {
        add(&mut pools.heldout, &mut pools.skipped, origin, bytes);
    }
    for (path, bytes) in seed_texts {
        let spun = path
            .file_name()
            .is_some_and(|n| SPUN_SEEDS.iter().any(|s| n == *s));
        let to = if spun {
            &mut pools.spun_seeds
        } else {
            &mut pools.heldout
        };
        add(to, &mut pools.skipped, path.display().to_string(), bytes);
    }
    Ok(pools)
}

/// Files under `dir` (recursively) ending in `.ext`, sorted.
fn files_with(dir: &Path, ext: &str) -> std::io::Result<Vec<PathBuf>> {
    if !dir.is_dir() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            "no such folder",
        ));
    }
    let mut out: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .map(walkdir::DirEntry::into_path)
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    out.sort();
    Ok(out)
}

/// The article of a TimeML file: the `<TEXT>` element without its markup.
fn timeml_text(tml: &str) -> Option<String> {
    let start = tml.find("<TEXT>")? + "<TEXT>".len();
    let end = start + tml[start..].find("</TEXT>")?;
    let mut out = String::with_capacity(end - start);
    let mut in_tag = false;
    for c in tml[start..end].chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    Some(
        out.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&amp;", "&"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeml_text_drops_markup_and_keeps_words() {
        let tml = "<TimeML><DCT>x</DCT><TEXT>Talks <EVENT eid=\"e1\">resumed</EVENT> on \
                   <TIMEX3 tid=\"t1\">Monday</TIMEX3> &amp; ended.</TEXT></TimeML>";
        assert_eq!(
            timeml_text(tml).as_deref(),
            Some("Talks resumed on Monday & ended.")
        );
        assert_eq!(timeml_text("<TimeML/>"), None);
    }
}
