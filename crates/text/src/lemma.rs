//! Lemmas: a lookup table of exceptions learnt from the teacher's lemmas
//! (irregular verbs, pronouns, "n't" → "not"; see `models/README.md`), else
//! suffix rules by tag: plural nouns and third-person verbs lose "-s"/"-es"
//! ("-ies" → "-y"), past and present participles lose "-ed"/"-ing",
//! comparatives "-er"/"-est"; proper nouns keep their form; everything else
//! is its lowercase form.

use crate::labels::Tag;

/// The rule lemma of a token (no table), written into `out`.
pub fn rule_lemma(form: &str, lower: &str, tag: Tag, out: &mut String) {
    let strip = |s: &str, suffix: &str, add: &str, out: &mut String| -> bool {
        if s.len() > suffix.len() + 2 && s.ends_with(suffix) {
            out.push_str(&s[..s.len() - suffix.len()]);
            out.push_str(add);
            true
        } else {
            false
        }
    };
    match tag.name() {
        "NNP" | "NNPS" => out.push_str(form),
        "NNS" => {
            let done = strip(lower, "ies", "y", out)
                || ["sses", "shes", "ches", "xes", "zes"]
                    .iter()
                    .any(|s| strip(lower, s, &s[..s.len() - 2], out))
                || (!lower.ends_with("ss")
                    && !lower.ends_with("us")
                    && !lower.ends_with("is")
                    && strip(lower, "s", "", out));
            if !done {
                out.push_str(lower);
            }
        }
        "VBZ" => {
            let done = strip(lower, "ies", "y", out)
                || ["sses", "shes", "ches", "xes", "zes", "oes"]
                    .iter()
                    .any(|s| strip(lower, s, &s[..s.len() - 2], out))
                || (!lower.ends_with("ss") && strip(lower, "s", "", out));
            if !done {
                out.push_str(lower);
            }
        }
        "VBD" | "VBN" => {
            let done = strip(lower, "ied", "y", out) || strip(lower, "ed", "", out);
            if !done {
                out.push_str(lower);
            }
        }
        "VBG" => {
            if !strip(lower, "ing", "", out) {
                out.push_str(lower);
            }
        }
        "JJR" | "RBR" => {
            if !(strip(lower, "ier", "y", out) || strip(lower, "er", "", out)) {
                out.push_str(lower);
            }
        }
        "JJS" | "RBS" => {
            if !(strip(lower, "iest", "y", out) || strip(lower, "est", "", out)) {
                out.push_str(lower);
            }
        }
        _ => out.push_str(lower),
    }
}
