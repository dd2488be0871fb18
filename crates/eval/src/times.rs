//! Scoring the time-expression tagger ([`find_times`]) on TempEval-3
//! TimeML files (TimeBank and AQUAINT, `.tml`).
//!
//! **Data.** Each file's `<DCT><TIMEX3 value=…>` is the anchor (its first
//! ten characters). The text is the content of `<TEXT>` with every tag
//! removed and the XML entities decoded; each `<TIMEX3 type value>` inside
//! it is a gold expression whose span is its position in that text. The
//! document creation time, outside `<TEXT>`, is never a gold expression.
//!
//! **Measures** (TempEval-3's): *strict* span match means the same start and
//! end; *relaxed* means overlapping, pairs matched one to one in text
//! order. Precision = matched system expressions / system expressions,
//! recall = matched gold / gold. *Value*: a relaxed-matched pair whose
//! values are equal; value precision = such pairs / system expressions,
//! value recall = such pairs / gold expressions. *Type accuracy*: the share
//! of relaxed-matched pairs with the same type. Per type, pairs are grouped
//! by the gold type and precision divides by the system expressions of
//! that type.

use crate::metrics::{ratio, Prf};
use std::path::{Path, PathBuf};

use dossier_model::{TimeExpr, TimeKind};

use dossier_analyze::times::find_times;

/// Scores for the expressions of one TIMEX3 type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TypeScore {
    pub kind: TimeKind,
    /// Relaxed span matches of gold expressions of this type.
    pub span: Prf,
    /// Matched pairs with equal values, among gold expressions of this type.
    pub value: Prf,
}

/// TempEval-3 scores over a set of documents.
#[derive(Debug, Clone, PartialEq)]
pub struct TimesScore {
    pub documents: usize,
    pub strict: Prf,
    pub relaxed: Prf,
    pub value: Prf,
    /// Relaxed-matched pairs with the same type / relaxed-matched pairs.
    pub type_accuracy: f64,
    /// DATE, TIME, DURATION, SET.
    pub by_type: Vec<TypeScore>,
}

impl TimesScore {
    /// A few lines for people.
    pub fn summary(&self) -> String {
        let line = |name: &str, s: &Prf| {
            format!(
                "{name:<16} P {:.3}  R {:.3}  F1 {:.3}  ({} matched, {} system, {} gold)\n",
                s.precision(),
                s.recall(),
                s.f1(),
                s.predicted_right,
                s.predicted,
                s.gold
            )
        };
        let mut out = format!(
            "TempEval-3 time expressions, {} documents\n",
            self.documents
        );
        out += &line("span strict", &self.strict);
        out += &line("span relaxed", &self.relaxed);
        out += &line("value", &self.value);
        out += &format!("type accuracy    {:.3}\n", self.type_accuracy);
        for t in &self.by_type {
            out += &line(&format!("value {}", type_name(t.kind)), &t.value);
        }
        out
    }
}

fn type_name(kind: TimeKind) -> &'static str {
    match kind {
        TimeKind::Date => "DATE",
        TimeKind::Time => "TIME",
        TimeKind::Duration => "DURATION",
        TimeKind::Set => "SET",
    }
}

/// One gold expression: byte span in the document text, type and value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldTime {
    pub start: usize,
    pub end: usize,
    pub kind: TimeKind,
    pub value: String,
}

/// A TimeML document: its creation date, text and gold expressions.
#[derive(Debug, Clone)]
pub struct GoldDoc {
    pub name: String,
    pub anchor: Option<String>,
    pub text: String,
    pub gold: Vec<GoldTime>,
}

/// Reads every `.tml` file under `dir` (recursively) and scores
/// [`find_times`] on them.
pub fn score_tempeval(dir: &Path) -> Result<TimesScore, String> {
    let mut paths = Vec::new();
    collect_tml(dir, &mut paths)?;
    if paths.is_empty() {
        return Err(format!("{}: no .tml files", dir.display()));
    }
    paths.sort();
    let docs = paths
        .iter()
        .map(|p| {
            let xml = std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))?;
            parse_tml(&p.display().to_string(), &xml)
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(score_documents(&docs))
}

fn collect_tml(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| format!("{}: {e}", dir.display()))?.path();
        if path.is_dir() {
            collect_tml(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "tml") {
            out.push(path);
        }
    }
    Ok(())
}

/// Parses one TimeML document; `Err` names what is missing.
pub fn parse_tml(name: &str, xml: &str) -> Result<GoldDoc, String> {
    let anchor = between(xml, "<DCT>", "</DCT>")
        .and_then(|dct| attribute(dct, "value"))
        .map(|v| v.chars().take(10).collect());
    let body =
        between(xml, "<TEXT>", "</TEXT>").ok_or_else(|| format!("{name}: no <TEXT> element"))?;
    let mut text = String::new();
    let mut gold = Vec::new();
    let mut open: Vec<(usize, Option<(TimeKind, String)>)> = Vec::new();
    let mut rest = body;
    while let Some(lt) = rest.find('<') {
        text += &decode_entities(&rest[..lt]);
        let gt = rest[lt..]
            .find('>')
            .ok_or_else(|| format!("{name}: unclosed tag"))?
            + lt;
        let tag = &rest[lt + 1..gt];
        if let Some(attrs) = tag.strip_prefix("TIMEX3") {
            open.push((text.len(), gold_attributes(attrs)));
        } else if tag == "/TIMEX3" {
            let (start, attrs) = open
                .pop()
                .ok_or_else(|| format!("{name}: stray </TIMEX3>"))?;
            if let Some((kind, value)) = attrs {
                gold.push(GoldTime {
                    start,
                    end: text.len(),
                    kind,
                    value,
                });
            }
        }
        rest = &rest[gt + 1..];
    }
    text += &decode_entities(rest);
    gold.sort_by_key(|g| (g.start, g.end));
    Ok(GoldDoc {
        name: name.to_string(),
        anchor,
        text,
        gold,
    })
}

/// Type and value of a gold TIMEX3, or `None` for the creation time.
fn gold_attributes(attrs: &str) -> Option<(TimeKind, String)> {
    if attribute(attrs, "functionInDocument") == Some("CREATION_TIME") {
        return None;
    }
    let kind = match attribute(attrs, "type")? {
        "DATE" => TimeKind::Date,
        "TIME" => TimeKind::Time,
        "DURATION" => TimeKind::Duration,
        "SET" => TimeKind::Set,
        _ => return None,
    };
    Some((kind, attribute(attrs, "value").unwrap_or("").to_string()))
}

fn between<'x>(xml: &'x str, open: &str, close: &str) -> Option<&'x str> {
    let start = xml.find(open)? + open.len();
    let end = xml[start..].find(close)? + start;
    Some(&xml[start..end])
}

/// The value of `name="…"` in a tag's attribute text.
fn attribute<'x>(attrs: &'x str, name: &str) -> Option<&'x str> {
    let mut rest = attrs;
    loop {
        let at = rest.find(name)?;
        let after = &rest[at + name.len()..];
        let boundary = at == 0 || rest[..at].ends_with(char::is_whitespace);
        if let (true, Some(quoted)) = (boundary, after.strip_prefix("=\"")) {
            return quoted.find('"').map(|end| &quoted[..end]);
        }
        rest = after;
    }
}

fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out += &rest[..amp];
        let entity = rest[amp..].find(';').map(|semi| &rest[amp + 1..amp + semi]);
        let decoded = entity.and_then(|e| match e {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => e
                .strip_prefix("#x")
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| e.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        });
        match (decoded, entity) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &rest[amp + e.len() + 2..];
            }
            _ => {
                out.push('&');
                rest = &rest[amp + 1..];
            }
        }
    }
    out + rest
}

/// Scores [`find_times`] on parsed documents.
pub fn score_documents(docs: &[GoldDoc]) -> TimesScore {
    let kinds = [
        TimeKind::Date,
        TimeKind::Time,
        TimeKind::Duration,
        TimeKind::Set,
    ];
    let mut score = TimesScore {
        documents: docs.len(),
        strict: Prf::default(),
        relaxed: Prf::default(),
        value: Prf::default(),
        type_accuracy: 0.0,
        by_type: kinds
            .iter()
            .map(|&kind| TypeScore {
                kind,
                span: Prf::default(),
                value: Prf::default(),
            })
            .collect(),
    };
    let (mut pairs, mut same_type) = (0, 0);
    for doc in docs {
        let system = find_times(&doc.text, doc.anchor.as_deref());
        for prf in [&mut score.strict, &mut score.relaxed, &mut score.value] {
            prf.predicted += system.len();
            prf.gold += doc.gold.len();
        }
        score.strict.add_matched(
            doc.gold
                .iter()
                .filter(|g| {
                    system
                        .iter()
                        .any(|s| s.span.start == g.start && s.span.end == g.end)
                })
                .count(),
        );
        for t in &mut score.by_type {
            t.span.gold += doc.gold.iter().filter(|g| g.kind == t.kind).count();
            t.span.predicted += system.iter().filter(|s| s.kind == t.kind).count();
            t.value.gold = t.span.gold;
            t.value.predicted = t.span.predicted;
        }
        for (g, s) in relaxed_pairs(&doc.gold, &system) {
            pairs += 1;
            same_type += usize::from(g.kind == s.kind);
            score.relaxed.add_matched(1);
            let right = g.value == s.value;
            score.value.add_matched(usize::from(right));
            let by_type = score
                .by_type
                .iter_mut()
                .find(|t| t.kind == g.kind)
                .expect("every kind is listed");
            by_type.span.add_matched(1);
            by_type.value.add_matched(usize::from(right));
        }
    }
    score.type_accuracy = ratio(same_type, pairs);
    score
}

/// Overlapping gold and system expressions, one to one, in text order.
pub fn relaxed_pairs<'d>(
    gold: &'d [GoldTime],
    system: &'d [TimeExpr],
) -> Vec<(&'d GoldTime, &'d TimeExpr)> {
    let mut pairs = Vec::new();
    let mut next = 0;
    for g in gold {
        while next < system.len() && system[next].span.end <= g.start {
            next += 1;
        }
        if let Some(s) = system.get(next).filter(|s| s.span.start < g.end) {
            pairs.push((g, s));
            next += 1;
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"<?xml version="1.0" ?>
<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="2024-06-20" functionInDocument="CREATION_TIME">2024-06-20</TIMEX3></DCT>
<TEXT>
The envoys met <TIMEX3 tid="t1" type="DATE" value="2024-06-19">on Wednesday</TIMEX3> &amp; talked <TIMEX3 tid="t2" type="DURATION" value="PT3H">for three hours</TIMEX3>.
They meet <TIMEX3 tid="t3" type="SET" value="P1M">every month</TIMEX3>, as <TIMEX3 tid="t4" type="DATE" value="2011">in 2011</TIMEX3>, said the <EVENT eid="e1">envoy</EVENT>.
</TEXT>
</TimeML>"#;

    #[test]
    fn reads_timeml() {
        let doc = parse_tml("doc", DOC).unwrap();
        assert_eq!(doc.anchor.as_deref(), Some("2024-06-20"));
        assert!(doc.text.contains("on Wednesday & talked for three hours."));
        assert!(!doc.text.contains('<'));
        let spans: Vec<&str> = doc.gold.iter().map(|g| &doc.text[g.start..g.end]).collect();
        assert_eq!(
            spans,
            ["on Wednesday", "for three hours", "every month", "in 2011"]
        );
        assert_eq!(doc.gold[1].kind, TimeKind::Duration);
    }

    #[test]
    fn scores_a_document() {
        let doc = parse_tml("doc", DOC).unwrap();
        // The tagger finds "Wednesday", "three hours", "every month", "2011":
        // no exact span but "every month", all four overlap, all four values right.
        let score = score_documents(&[doc]);
        assert_eq!(score.strict, Prf::matched(1, 4, 4));
        assert_eq!(score.relaxed, Prf::matched(4, 4, 4));
        assert_eq!(score.value, Prf::matched(4, 4, 4));
        assert_eq!(score.type_accuracy, 1.0);
        let duration = score
            .by_type
            .iter()
            .find(|t| t.kind == TimeKind::Duration)
            .unwrap();
        assert_eq!(duration.value, Prf::matched(1, 1, 1));
        assert!(score.summary().contains("value"));
    }

    #[test]
    fn pairs_are_one_to_one() {
        let gold = |start, end| GoldTime {
            start,
            end,
            kind: TimeKind::Date,
            value: String::new(),
        };
        let sys = |start, end| TimeExpr {
            span: dossier_model::Span::new(start, end),
            value: String::new(),
            kind: TimeKind::Date,
            anchor: None,
        };
        let golds = [gold(0, 10), gold(12, 20)];
        let systems = [sys(2, 4), sys(5, 15), sys(30, 40)];
        let pairs = relaxed_pairs(&golds, &systems);
        assert_eq!(pairs.len(), 2);
        assert_eq!((pairs[0].1.span.start, pairs[1].1.span.start), (2, 5));
    }

    /// The score on the TempEval-3 training data, when it is there:
    /// `cargo nextest run -p dossier-analyze --run-ignored only tempeval_train_score`.
    #[test]
    #[ignore = "scores ../shared/eval/tempeval3, which is not in the repository (dossier eval times says where to get it)"]
    fn tempeval_train_score() {
        let dir =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval/tempeval3/train");
        assert!(
            dir.exists(),
            "{} not found: get TempEval-3's TBAQ-cleaned training data (SemEval-2013 task 1)",
            dir.display()
        );
        let score = score_tempeval(&dir).unwrap();
        println!("{}", score.summary());
        assert!(score.value.f1() >= 0.80, "value F1 {:.3}", score.value.f1());
    }
}
