//! scratch

#[cfg(test)]
mod scratch {
    #[test]
    #[ignore]
    fn dump_seeds() {
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/seeds");
        let inputs = dossier_sources::expand(&[&dir]).unwrap();
        for raw in inputs
            .iter()
            .flat_map(|i| dossier_sources::read_input(i).docs)
        {
            let a = dossier_extract::extract(&raw);
            let an = crate::analyze(&a);
            println!(
                "=== {} published={:?} inferred={:?}",
                a.origin, a.published, an.published_inferred
            );
            for s in &an.sentences {
                let ms: Vec<String> = an
                    .mentions
                    .iter()
                    .filter(|m| m.span.start >= s.start && m.span.end <= s.end)
                    .map(|m| format!("{}={}", m.span.of(&a.text), m.actor))
                    .collect();
                println!("S {:?}\n   {}", s.of(&a.text), ms.join(", "));
            }
            for q in &an.quotes {
                println!(
                    "Q {:?} by {:?} ({:?}) {:?}",
                    q.span.of(&a.text),
                    q.speaker,
                    q.speaker_actor,
                    q.direct
                );
            }
            for ac in &an.actors {
                println!(
                    "A {} {} {:?} {:?} {:?}",
                    ac.id, ac.name, ac.kind, ac.country, ac.roles
                );
            }
        }
    }
}
