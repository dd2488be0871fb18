//! The label sets: part-of-speech tags (Penn Treebank, as en_core_web_sm
//! writes them), dependency labels (ClearNLP style) and entity kinds
//! (OntoNotes). Ids are positions in these arrays; the model file stores
//! weights per id, so the arrays only ever grow at the end.

/// Fine-grained part-of-speech tags, by id.
pub const TAGS: [&str; 50] = [
    "$", "''", ",", "-LRB-", "-RRB-", ".", ":", "ADD", "AFX", "CC", "CD", "DT", "EX", "FW", "HYPH",
    "IN", "JJ", "JJR", "JJS", "LS", "MD", "NFP", "NN", "NNP", "NNPS", "NNS", "PDT", "POS", "PRP",
    "PRP$", "RB", "RBR", "RBS", "RP", "SYM", "TO", "UH", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ",
    "WDT", "WP", "WP$", "WRB", "XX", "_SP", "``",
];

/// Dependency labels, by id ("ROOT" is 0).
pub const DEPS: [&str; 45] = [
    "ROOT",
    "acl",
    "acomp",
    "advcl",
    "advmod",
    "agent",
    "amod",
    "appos",
    "attr",
    "aux",
    "auxpass",
    "case",
    "cc",
    "ccomp",
    "compound",
    "conj",
    "csubj",
    "csubjpass",
    "dative",
    "dep",
    "det",
    "dobj",
    "expl",
    "intj",
    "mark",
    "meta",
    "neg",
    "nmod",
    "npadvmod",
    "nsubj",
    "nsubjpass",
    "nummod",
    "oprd",
    "parataxis",
    "pcomp",
    "pobj",
    "poss",
    "preconj",
    "predet",
    "prep",
    "prt",
    "punct",
    "quantmod",
    "relcl",
    "xcomp",
];

/// A part-of-speech tag (an id into [`TAGS`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Tag(pub u8);

impl Tag {
    pub fn name(self) -> &'static str {
        TAGS.get(self.0 as usize).copied().unwrap_or("XX")
    }
    pub fn from_name(name: &str) -> Option<Tag> {
        TAGS.iter().position(|t| *t == name).map(|i| Tag(i as u8))
    }
    /// The universal part of speech this tag maps to (spaCy's tag map; the
    /// verb tags of "be", "have", "do" and modals are `AUX` only by their
    /// lemma and dependency, which [`crate::Doc::upos`] looks at).
    pub fn upos(self) -> Upos {
        use Upos::*;
        match self.name() {
            "$" | "NFP" | "SYM" => Sym,
            "''" | "," | "-LRB-" | "-RRB-" | "." | ":" | "HYPH" | "``" => Punct,
            "ADD" | "FW" | "LS" | "XX" => X,
            "AFX" | "JJ" | "JJR" | "JJS" => Adj,
            "CC" => Cconj,
            "CD" => Num,
            "DT" | "PDT" | "WDT" => Det,
            "EX" | "PRP" | "WP" => Pron,
            "PRP$" | "WP$" => Pron,
            "IN" => Adp,
            "MD" => Aux,
            "NN" | "NNS" => Noun,
            "NNP" | "NNPS" => Propn,
            "POS" | "RP" | "TO" => Part,
            "RB" | "RBR" | "RBS" | "WRB" => Adv,
            "UH" => Intj,
            "VB" | "VBD" | "VBG" | "VBN" | "VBP" | "VBZ" => Verb,
            "_SP" => Space,
            _ => X,
        }
    }
    pub fn is_verb(self) -> bool {
        matches!(
            self.name(),
            "VB" | "VBD" | "VBG" | "VBN" | "VBP" | "VBZ" | "MD"
        )
    }
    pub fn is_noun(self) -> bool {
        matches!(self.name(), "NN" | "NNS" | "NNP" | "NNPS")
    }
}

/// Universal parts of speech.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Upos {
    Adj,
    Adp,
    Adv,
    Aux,
    Cconj,
    Det,
    Intj,
    Noun,
    Num,
    Part,
    Pron,
    Propn,
    Punct,
    Sconj,
    Sym,
    Verb,
    X,
    Space,
}

/// A dependency label (an id into [`DEPS`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Dep(pub u8);

impl Dep {
    pub const ROOT: Dep = Dep(0);
    pub fn name(self) -> &'static str {
        DEPS.get(self.0 as usize).copied().unwrap_or("dep")
    }
    pub fn from_name(name: &str) -> Option<Dep> {
        DEPS.iter().position(|t| *t == name).map(|i| Dep(i as u8))
    }
}

/// The kind of a named entity (OntoNotes types, as en_core_web_sm has them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum EntityKind {
    Cardinal,
    Date,
    Event,
    Fac,
    Gpe,
    Language,
    Law,
    Loc,
    Money,
    Norp,
    Ordinal,
    Org,
    Percent,
    Person,
    Product,
    Quantity,
    Time,
    WorkOfArt,
}

/// Entity kind names, by id (the order of [`EntityKind`]).
pub const ENTITY_KINDS: [&str; 18] = [
    "CARDINAL",
    "DATE",
    "EVENT",
    "FAC",
    "GPE",
    "LANGUAGE",
    "LAW",
    "LOC",
    "MONEY",
    "NORP",
    "ORDINAL",
    "ORG",
    "PERCENT",
    "PERSON",
    "PRODUCT",
    "QUANTITY",
    "TIME",
    "WORK_OF_ART",
];

impl EntityKind {
    pub const ALL: [EntityKind; 18] = {
        use EntityKind::*;
        [
            Cardinal, Date, Event, Fac, Gpe, Language, Law, Loc, Money, Norp, Ordinal, Org,
            Percent, Person, Product, Quantity, Time, WorkOfArt,
        ]
    };
    pub fn name(self) -> &'static str {
        ENTITY_KINDS[self as usize]
    }
    pub fn from_name(name: &str) -> Option<EntityKind> {
        ENTITY_KINDS
            .iter()
            .position(|t| *t == name)
            .map(|i| EntityKind::ALL[i])
    }
    pub fn from_id(id: usize) -> EntityKind {
        EntityKind::ALL[id]
    }
}

/// BILOU entity classes: 0 is O; kind k has B = 1 + 4k, I = 2 + 4k,
/// L = 3 + 4k, U = 4 + 4k.
pub const NER_CLASSES: usize = 1 + 4 * ENTITY_KINDS.len();

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bilou {
    O,
    B,
    I,
    L,
    U,
}

pub fn bilou_of(class: usize) -> (Bilou, usize) {
    if class == 0 {
        return (Bilou::O, 0);
    }
    let k = (class - 1) / 4;
    let b = match (class - 1) % 4 {
        0 => Bilou::B,
        1 => Bilou::I,
        2 => Bilou::L,
        _ => Bilou::U,
    };
    (b, k)
}

pub fn bilou_class(b: Bilou, kind: usize) -> usize {
    match b {
        Bilou::O => 0,
        Bilou::B => 1 + 4 * kind,
        Bilou::I => 2 + 4 * kind,
        Bilou::L => 3 + 4 * kind,
        Bilou::U => 4 + 4 * kind,
    }
}

/// Whether class `next` may follow class `prev` (`None`: sentence start);
/// `last`: `next` is the sentence's last token.
#[inline]
pub fn bilou_allowed(prev: Option<usize>, next: usize, last: bool) -> bool {
    let (pb, pk) = prev.map_or((Bilou::O, 0), bilou_of);
    let (nb, nk) = bilou_of(next);
    let open = matches!(pb, Bilou::B | Bilou::I);
    let ok = if open {
        matches!(nb, Bilou::I | Bilou::L) && nk == pk
    } else {
        matches!(nb, Bilou::O | Bilou::B | Bilou::U)
    };
    ok && !(last && matches!(nb, Bilou::B | Bilou::I))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::best_allowed_class;

    #[test]
    fn constrained_decoding_only_picks_allowed_classes() {
        // Scores that favour every class in turn.
        for favoured in 0..NER_CLASSES {
            let mut scores = [0i32; NER_CLASSES];
            scores[favoured] = 10;
            for prev in std::iter::once(None).chain((0..NER_CLASSES).map(Some)) {
                for last in [false, true] {
                    let c = best_allowed_class(&scores, prev, last);
                    assert!(bilou_allowed(prev, c, last), "{prev:?} → {c} (last {last})");
                    if bilou_allowed(prev, favoured, last) {
                        assert_eq!(c, favoured);
                    }
                }
            }
        }
    }
}
