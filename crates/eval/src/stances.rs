//! Scoring stance statements and their grouping against annotated stories
//! (`testdata/stances/`, format in its README): each file is one story
//! told by several documents, with inline annotations
//! `[evidence]{HOLDER polarity g=GROUP [h] [q]}` and `@reuse` lines naming
//! retellings.
//!
//! Measures, over all stories:
//! - **statements**: a prediction is right when a gold statement with the
//!   same holder and polarity overlaps it (one to one); precision, recall
//!   and F1; among the matched, how often `hedged` and quoted-or-not agree;
//! - **grouping**: over pairs of matched gold statements of one story with
//!   the same holder and polarity, pairwise precision and recall of the
//!   decision "same group" (gold: the same `g=` label). The annotation's
//!   groups never cross polarities, so pairs across them are not scored:
//!   a want folded into the loss it explains is judged on the seeds
//!   (`crates/cli/tests/seeds.rs`), not here.
//!
//! Grouping belongs to the link stage, which this crate does not depend
//! on: [`score`] takes it as a function, given each story's predicted
//! statements and reuse links and returning a group number per statement
//! (`dossier eval stances` passes the link stage's).

use std::path::Path;

use crate::metrics::{ratio, Prf};
use dossier_model::{Article, Polarity, Span, StanceStatement};

use dossier_analyze::analyze;

/// A gold statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gold {
    pub span: Span,
    pub holder: String,
    pub polarity: Polarity,
    pub group: String,
    pub hedged: bool,
    pub quoted: bool,
}

/// One document of a story.
#[derive(Debug, Clone)]
pub struct Document {
    pub id: String,
    pub date: Option<String>,
    pub text: String,
    pub gold: Vec<Gold>,
}

/// One annotated story: its documents and which retell which.
#[derive(Debug, Clone)]
pub struct Story {
    pub name: String,
    pub documents: Vec<Document>,
    pub reuse: Vec<(String, String)>,
}

/// A predicted statement as the grouping sees it.
#[derive(Debug, Clone)]
pub struct Predicted {
    pub document: String,
    pub stance: StanceStatement,
    /// The evidence text.
    pub text: String,
    /// The quoted speaker, if the statement is attributed.
    pub speaker: Option<String>,
}

/// Parses one `{…}` annotation: `HOLDER polarity g=GROUP [h] [q]`, several
/// separated by `;`.
fn parse_specs(spec: &str, span: Span, name: &str) -> Result<Vec<Gold>, String> {
    spec.split(';')
        .map(|one| {
            let fields: Vec<&str> = one.split_whitespace().collect();
            let bad = || format!("{name}: bad annotation {{{one}}}");
            let (holder, polarity) = match fields[..] {
                [h, p, ..] => (h.to_string(), Polarity::from_name(p).ok_or_else(bad)?),
                _ => return Err(bad()),
            };
            let group = fields
                .iter()
                .find_map(|f| f.strip_prefix("g="))
                .ok_or_else(|| format!("{name}: annotation without g= {{{one}}}"))?;
            Ok(Gold {
                span,
                holder,
                polarity,
                group: group.to_string(),
                hedged: fields.contains(&"h"),
                quoted: fields.contains(&"q"),
            })
        })
        .collect()
}

/// A document's annotated body → plain text and gold statements.
fn parse_body(body: &str, name: &str) -> Result<(String, Vec<Gold>), String> {
    let mut text = String::with_capacity(body.len());
    let mut gold = Vec::new();
    let mut rest = body;
    while let Some(open) = rest.find('[') {
        text.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after
            .find("]{")
            .ok_or_else(|| format!("{name}: '[' without ']{{'"))?;
        let end = after[close..]
            .find('}')
            .ok_or_else(|| format!("{name}: unclosed '{{'"))?;
        let start = text.len();
        text.push_str(&after[..close]);
        let span = Span::new(start, text.len());
        gold.extend(parse_specs(&after[close + 2..close + end], span, name)?);
        rest = &after[close + end + 1..];
    }
    text.push_str(rest);
    Ok((text.trim_end().to_string(), gold))
}

/// Parses one story file.
pub fn parse_story(name: &str, annotated: &str) -> Result<Story, String> {
    let mut story = Story {
        name: name.to_string(),
        documents: Vec::new(),
        reuse: Vec::new(),
    };
    let mut current: Option<(String, Option<String>, String)> = None;
    let flush = |current: &mut Option<(String, Option<String>, String)>,
                 story: &mut Story|
     -> Result<(), String> {
        if let Some((id, date, body)) = current.take() {
            let (text, gold) = parse_body(body.trim(), name)?;
            story.documents.push(Document {
                id,
                date,
                text,
                gold,
            });
        }
        Ok(())
    };
    for line in annotated.lines() {
        if line.starts_with('#') {
            continue;
        }
        if let Some(rest) = line.strip_prefix("@doc ") {
            flush(&mut current, &mut story)?;
            let mut parts = rest.split_whitespace();
            let id = parts
                .next()
                .ok_or_else(|| format!("{name}: @doc without an id"))?;
            current = Some((
                id.to_string(),
                parts.next().map(String::from),
                String::new(),
            ));
        } else if let Some(rest) = line.strip_prefix("@reuse ") {
            let pair: Vec<&str> = rest.split_whitespace().collect();
            let [a, b] = pair[..] else {
                return Err(format!("{name}: @reuse needs two ids"));
            };
            story.reuse.push((a.to_string(), b.to_string()));
        } else if let Some((_, _, body)) = current.as_mut() {
            body.push_str(line);
            body.push('\n');
        } else if !line.trim().is_empty() {
            return Err(format!("{name}: text before the first @doc"));
        }
    }
    flush(&mut current, &mut story)?;
    Ok(story)
}

pub fn load_dir(dir: &Path) -> Result<Vec<Story>, String> {
    crate::metrics::load_annotated(dir, parse_story)
}

/// The predicted statements of every document of a story.
fn predict(story: &Story) -> Vec<Predicted> {
    story
        .documents
        .iter()
        .flat_map(|d| {
            let analysis = analyze(&Article::from_plain_text(&d.text, d.date.as_deref()));
            analysis
                .stances
                .into_iter()
                .map(|stance| Predicted {
                    document: d.id.clone(),
                    text: stance.span.of(&d.text).to_string(),
                    speaker: stance
                        .quote
                        .and_then(|q| analysis.quotes[q].speaker.clone()),
                    stance,
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

#[derive(Debug, Default, Clone)]
pub struct StancesScore {
    pub stories: usize,
    pub documents: usize,
    /// Statements matched one to one on (holder, polarity).
    pub statements: Prf,
    /// Of the matched statements, how many agree on `hedged`, and on being
    /// quoted or the outlet's own.
    pub hedge_agree: usize,
    pub quote_agree: usize,
    /// Pairs of matched statements of one story: "same group" predicted
    /// and gold.
    pub grouping: Prf,
    /// (story/document, evidence, gold "HOLDER polarity" or "-",
    /// predicted or "-").
    pub errors: Vec<(String, String, String, String)>,
    /// Grouping errors: (story, evidence, evidence, "split" when gold
    /// groups the two and the prediction does not, else "joined").
    pub pair_errors: Vec<(String, String, String, &'static str)>,
}

impl StancesScore {
    pub fn summary(&self) -> String {
        let (st, gr) = (&self.statements, &self.grouping);
        format!(
            "stances on {} stories, {} documents ({} gold statements, {} predicted)\n\
             statements (holder, polarity): precision {:.3}  recall {:.3}  F1 {:.3}\n\
             matched: hedged agrees {:.3}  quoted/authorial agrees {:.3}\n\
             grouping (pairwise same-group): precision {:.3}  recall {:.3}  F1 {:.3}",
            self.stories,
            self.documents,
            st.gold,
            st.predicted,
            st.precision(),
            st.recall(),
            st.f1(),
            ratio(self.hedge_agree, st.predicted_right),
            ratio(self.quote_agree, st.predicted_right),
            gr.precision(),
            gr.recall(),
            gr.f1(),
        )
    }
}

/// Scores extraction over `stories`, and grouping with `group`: given a
/// story's predicted statements and reuse links, a group number for each
/// statement.
pub fn score<G>(stories: &[Story], group: G) -> StancesScore
where
    G: Fn(&[Predicted], &[(String, String)]) -> Vec<usize>,
{
    let mut s = StancesScore::default();
    for story in stories {
        s.stories += 1;
        s.documents += story.documents.len();
        let predicted = predict(story);
        let groups = group(&predicted, &story.reuse);
        let gold: Vec<(&str, &Gold)> = story
            .documents
            .iter()
            .flat_map(|d| d.gold.iter().map(move |g| (d.id.as_str(), g)))
            .collect();
        let matches = match_statements(&gold, &predicted);
        s.statements.gold += gold.len();
        s.statements.predicted += predicted.len();
        s.statements.add_matched(matches.len());
        for &(g, p) in &matches {
            s.hedge_agree += usize::from(gold[g].1.hedged == predicted[p].stance.hedged);
            s.quote_agree += usize::from(gold[g].1.quoted == predicted[p].stance.quote.is_some());
        }
        count_pairs(&mut s, story, &gold, &predicted, &matches, &groups);
        note_errors(&mut s, story, &gold, &predicted, &matches);
    }
    s
}

fn describe(holder: &str, polarity: Polarity) -> String {
    format!("{holder} {}", Polarity::name(polarity))
}

/// One-to-one matches (gold index, predicted index): same document,
/// holder and polarity, overlapping spans, in text order.
fn match_statements(gold: &[(&str, &Gold)], predicted: &[Predicted]) -> Vec<(usize, usize)> {
    let mut used = vec![false; predicted.len()];
    let mut out = Vec::new();
    for (g, (doc, gs)) in gold.iter().enumerate() {
        let hit = predicted.iter().enumerate().position(|(p, pr)| {
            !used[p]
                && pr.document == *doc
                && pr.stance.holder == gs.holder
                && pr.stance.polarity == gs.polarity
                && pr.stance.span.start < gs.span.end
                && gs.span.start < pr.stance.span.end
        });
        if let Some(p) = hit {
            used[p] = true;
            out.push((g, p));
        }
    }
    out
}

fn count_pairs(
    s: &mut StancesScore,
    story: &Story,
    gold: &[(&str, &Gold)],
    predicted: &[Predicted],
    matches: &[(usize, usize)],
    groups: &[usize],
) {
    for (k, &(g1, p1)) in matches.iter().enumerate() {
        for &(g2, p2) in &matches[k + 1..] {
            let (a, b) = (gold[g1].1, gold[g2].1);
            if (&a.holder, a.polarity) != (&b.holder, b.polarity) {
                continue;
            }
            let gold_same = gold[g1].1.group == gold[g2].1.group;
            let predicted_same = groups[p1] == groups[p2];
            s.grouping.add(predicted_same, gold_same);
            let error = match (gold_same, predicted_same) {
                (false, true) => Some("joined"),
                (true, false) => Some("split"),
                _ => None,
            };
            if let Some(kind) = error {
                s.pair_errors.push((
                    story.name.clone(),
                    predicted[p1].text.clone(),
                    predicted[p2].text.clone(),
                    kind,
                ));
            }
        }
    }
}

fn note_errors(
    s: &mut StancesScore,
    story: &Story,
    gold: &[(&str, &Gold)],
    predicted: &[Predicted],
    matches: &[(usize, usize)],
) {
    let text_of = |doc: &str, span: Span| {
        story
            .documents
            .iter()
            .find(|d| d.id == doc)
            .map_or(String::new(), |d| span.of(&d.text).to_string())
    };
    for (g, (doc, gs)) in gold.iter().enumerate() {
        if !matches.iter().any(|m| m.0 == g) {
            s.errors.push((
                format!("{}/{doc}", story.name),
                text_of(doc, gs.span),
                describe(&gs.holder, gs.polarity),
                "-".into(),
            ));
        }
    }
    for (p, pr) in predicted.iter().enumerate() {
        if !matches.iter().any(|m| m.1 == p) {
            s.errors.push((
                format!("{}/{}", story.name, pr.document),
                pr.text.clone(),
                "-".into(),
                describe(&pr.stance.holder, pr.stance.polarity),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_inline_annotations_and_reuse() {
        let story = parse_story(
            "t",
            "# a comment\n@doc a 2024-01-02\n[China could gain]{CHN benefit g=1 h} and \
             [a blow for Japan]{JPN cost g=2; CHN benefit g=3 q}.\n\n@doc b\nNothing.\n@reuse b a\n",
        )
        .unwrap();
        let a = &story.documents[0];
        assert_eq!(a.text, "China could gain and a blow for Japan.");
        assert_eq!(a.date.as_deref(), Some("2024-01-02"));
        assert_eq!(a.gold.len(), 3);
        assert!(a.gold[0].hedged && !a.gold[0].quoted && a.gold[2].quoted);
        assert_eq!(a.gold[1].span, Span::new(21, 37));
        assert_eq!(story.reuse, [("b".to_string(), "a".to_string())]);
        assert!(parse_story("t", "@doc a\n[broken]{CHN gains g=1}").is_err());
        assert!(parse_story("t", "text first").is_err());
    }

    #[test]
    fn scores_statements_and_pairs_of_one_holder_and_polarity() {
        let story = parse_story(
            "t",
            "@doc a 2024-01-02\n[Egypt stands to gain from the canal deal]{EGY benefit g=x}. \
             [It is a headache for Israel]{ISR cost g=y}.\n\n\
             @doc b 2024-01-03\n[Egypt could benefit from the canal deal]{EGY benefit g=x h}.\n",
        )
        .unwrap();
        // Everything in one group: the pairs across holders are not scored,
        // so the one scored pair (Egypt's two gains) is right.
        let s = score(&[story], |p, _| vec![0; p.len()]);
        assert_eq!((s.statements.gold, s.statements.predicted), (3, 3));
        assert_eq!(s.statements.f1(), 1.0);
        assert_eq!((s.grouping.predicted, s.grouping.gold), (1, 1));
        assert_eq!(s.grouping.f1(), 1.0);
    }
}
