//! Which of its holder's interests a stance statement is about: a generic
//! *facet* of international-politics interests (influence over a third
//! party, entanglement in a partner's war, image, an arms race, …) named
//! by the statement's words (`lexicons/stance_facets.tsv`).
//!
//! The link stage groups statements of one holder, polarity and facet as
//! one point however they are worded ("loses its monopoly of influence
//! over Pyongyang", "a new competitor for influence over North Korea"),
//! and reads a want or an objection about an interest as evidence for the
//! gain or loss the articles name on that interest.
//!
//! A facet is a function of the evidence text and polarity alone, so the
//! link stage recomputes it when it groups: a changed facet list takes
//! effect without analysing the documents again.

use dossier_model::{Polarity, Span};

use super::lexicon::Lexicon;
use dossier_text::Doc;

use super::words::{push_words, Word};

/// The facet of a statement with evidence `text` and `polarity`, with the
/// byte span in `text` of the phrase naming it: the first facet of the
/// lexicon (in file order) one of whose phrases, for that polarity,
/// stands in the text (its first phrase there); `None` when none does.
pub fn facet(text: &str, polarity: Polarity) -> Option<(&'static str, Span)> {
    let lex = Lexicon::get();
    let doc = Doc::new(text);
    let mut words = Vec::new();
    push_words(&mut words, &doc, 0..doc.len(), 0);
    let skippable = |w: &Word| lex.facet_skips.contains(w);
    (0..words.len())
        .flat_map(|i| {
            lex.facets
                .matches_at(&words, i, skippable)
                .into_iter()
                .map(move |m| (m, i))
        })
        .filter(|(m, _)| m.value.1.is_none_or(|p| p == polarity))
        .map(|(m, i)| {
            let span = Span::new(words[i].span.start, words[m.end - 1].span.end);
            (m.value.0, span)
        })
        .min_by_key(|&(f, span)| (f, span.start))
        .map(|(f, span)| (lex.facet_names[f].as_str(), span))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facets_name_the_interest_whatever_the_words() {
        let name = |t, p| facet(t, p).map(|f| f.0);
        let cost = |t| name(t, Polarity::Cost);
        assert_eq!(
            cost("Moscow has become a competitor for Tehran in Armenia"),
            Some("influence")
        );
        assert_eq!(
            cost("the deal could erode Paris's sway over its former colonies"),
            Some("influence")
        );
        // Leverage over the holder is its cost, not its influence; the
        // holder's own leverage is.
        assert_eq!(
            cost("which gives Baku more leverage over Moscow"),
            Some("leverage")
        );
        assert_eq!(
            name("Ankara gains leverage over Moscow", Polarity::Benefit),
            Some("influence")
        );
        // Words may stand between a phrase's words.
        assert_eq!(
            cost("prompting Manila and Tokyo to reinforce their security alliance"),
            Some("counter_alliance")
        );
        // A specific interest wins over the development as a whole.
        assert_eq!(
            cost("a headache for Delhi, which fears being dragged into the conflict"),
            Some("entanglement")
        );
        assert_eq!(cost("This is a headache for Delhi"), Some("overall"));
        // Wants are never `overall`: a want names what it wants.
        assert_eq!(name("Cairo wants a deal", Polarity::Support), None);
        assert_eq!(
            name("Cairo may not welcome the new pact", Polarity::Oppose),
            Some("overall")
        );
        // The phrase naming the facet, with the words skipped inside it.
        let text = "Tokyo and Seoul may reinforce their alliance, a worry for Beijing";
        let (_, span) = facet(text, Polarity::Cost).unwrap();
        assert_eq!(span.of(text), "reinforce their alliance");
    }
}
