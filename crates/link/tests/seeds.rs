//! The seed articles (read from `../shared/corpus/seeds` at test time, never
//! copied): 003 is spun and the others are not; 000 and 001 retell one
//! source, so they are in one story. That all five are one story needs
//! their actors too: `crates/cli/tests/seeds.rs` checks it end to end.

use std::path::PathBuf;

use dossier_link::{align, spun_evidence, stories, ReuseKind, StoryDoc};

fn seeds() -> Option<Vec<(String, String)>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/seeds");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .ok()?
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let out = files
        .iter()
        .map(|p| {
            let id = p.file_stem().unwrap().to_string_lossy().into_owned();
            (id, std::fs::read_to_string(p).unwrap())
        })
        .collect();
    Some(out)
}

#[test]
fn seeds_spun_links_and_story() {
    let Some(seeds) = seeds() else {
        eprintln!("skipped: no seed corpus");
        return;
    };
    assert_eq!(seeds.len(), 5);
    for (id, text) in &seeds {
        let ev = spun_evidence(text);
        eprintln!(
            "{id}: spun {} score {:.2} examples {}",
            ev.spun,
            ev.score,
            ev.examples.len()
        );
        for (r, usual) in ev.examples.iter().take(12) {
            eprintln!("    {:?} -> {usual:?}", &text[r.clone()]);
        }
    }
    let mut links = vec![Vec::new(); seeds.len()];
    for i in 0..seeds.len() {
        for j in i + 1..seeds.len() {
            let al = align(&seeds[i].1, &seeds[j].1);
            eprintln!(
                "{} {}: {:?}",
                seeds[i].0,
                seeds[j].0,
                al.as_ref()
                    .map(|a| (a.kind, a.similarity, a.passages.len()))
            );
            if let Some(al) = al {
                for (pa, pb) in al.passages.iter().take(6) {
                    eprintln!(
                        "    {:?}\n  ~ {:?}",
                        &seeds[i].1[pa.clone()],
                        &seeds[j].1[pb.clone()]
                    );
                }
                links[i].push(seeds[j].0.clone());
                links[j].push(seeds[i].0.clone());
            }
        }
    }
    let docs: Vec<StoryDoc> = seeds
        .iter()
        .zip(links)
        .map(|((id, text), links)| StoryDoc {
            id: id.clone(),
            terms: dossier_link::salient_terms(text),
            links,
            ..StoryDoc::default()
        })
        .collect();
    let got = stories(&docs);
    eprintln!("{got:?}");

    let spun: Vec<bool> = seeds.iter().map(|(_, t)| spun_evidence(t).spun).collect();
    assert_eq!(spun, [false, false, false, true, false]);
    let linked: Vec<(&str, &str)> = docs
        .iter()
        .flat_map(|d| {
            d.links
                .iter()
                .filter(|l| **l > d.id)
                .map(|l| (d.id.as_str(), l.as_str()))
        })
        .collect();
    assert_eq!(linked, [("000", "001")]);
    let kind = align(&seeds[0].1, &seeds[1].1).unwrap().kind;
    assert!(
        matches!(kind, ReuseKind::Paraphrase | ReuseKind::Reuse),
        "{kind:?}"
    );
    let retold = got
        .iter()
        .find(|s| s.documents.contains(&"000".to_string()))
        .unwrap();
    assert!(retold.documents.contains(&"001".to_string()), "{got:?}");
    assert!(retold.independent_sources < retold.documents.len());
}
