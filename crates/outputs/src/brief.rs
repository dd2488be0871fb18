//! The briefing: what the store holds, readable by a person.
//!
//! Sections appear only when they have something to say; no placeholder
//! prose. The document model is built once ([`Brief`]) and rendered to
//! Markdown or HTML, so both formats always say the same thing.

use std::collections::BTreeSet;

use dossier_model::{Directness, Polarity};
use dossier_store::{
    ActorRow, DocumentRow, QuoteRow, ReuseRow, StanceRow, Storage, StoreError, StoryRow,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
}

/// One row of the documents section.
struct DocLine {
    date: String,
    outlet: String,
    title: String,
    words: usize,
}

/// One row of the actors section.
struct ActorLine {
    name: String,
    kind: String,
    /// Role and affiliation, as the articles state them.
    about: String,
    mentions: usize,
    documents: usize,
}

/// Quotes of one speaker.
struct SpeakerQuotes {
    speaker: String,
    about: String,
    /// Each quotation and the document it is in (its title, else its file
    /// name): the reader can check it there.
    quotes: Vec<(String, String)>,
}

/// How many actors and speakers the brief lists.
const TOP_ACTORS: usize = 25;
const TOP_SPEAKERS: usize = 15;
const QUOTES_PER_SPEAKER: usize = 3;

/// Stories listed in the brief (the export has them all).
const TOP_STORIES: usize = 10;
/// Evidence terms shown per story.
const STORY_TERMS: usize = 5;

/// One story: its name, size, independent sources, dates and evidence.
struct StoryLine {
    name: String,
    documents: usize,
    independent: usize,
    /// "2016-01-28 to 2016-02-02", or one date, or empty.
    dates: String,
    evidence: Vec<String>,
}

impl StoryLine {
    fn of(s: &StoryRow) -> StoryLine {
        let dates = match (&s.first_date, &s.last_date) {
            (Some(a), Some(b)) if a != b => format!("{a} to {b}"),
            (Some(a), _) => a.clone(),
            _ => String::new(),
        };
        StoryLine {
            name: s.name.clone(),
            documents: s.documents.len(),
            independent: s.independent_sources,
            dates,
            evidence: s.evidence.iter().take(STORY_TERMS).cloned().collect(),
        }
    }

    /// "12 documents, 2016-01-28 to 2016-02-02, shared: a, b": the part
    /// after the name and the source count.
    fn details(&self) -> String {
        let mut out = format!("{} documents", self.documents);
        if !self.dates.is_empty() {
            out += &format!(", {}", self.dates);
        }
        if !self.evidence.is_empty() {
            out += &format!("; shared: {}", self.evidence.join(", "));
        }
        out
    }
}

/// Provenance: stories, what copies what, machine-rewritten texts.
#[derive(Default)]
struct Sources {
    /// The best-sourced stories of more than one document.
    stories: Vec<StoryLine>,
    /// "B retells A" lines: (title of a, title of b, kind, similarity).
    copies: Vec<(String, String, String, f64)>,
    /// Spun documents: title and a few (unusual, usual) phrase pairs.
    spun: Vec<(String, Vec<(String, String)>)>,
}

/// One line of the timeline: date, type, "who → whom", independent sources,
/// and the sentence that reports it with its document, so that every event
/// a reader sees can be checked against the text.
struct EventLine {
    date: String,
    kind: String,
    who: String,
    sources: usize,
    sentence: String,
    document: String,
}

const TOP_EVENTS: usize = 30;
const TOP_COPIES: usize = 12;
const TOP_DYADS: usize = 8;

/// Everything the brief says, independent of format.
struct Brief {
    documents: Vec<DocLine>,
    sources: Sources,
    timeline: Vec<EventLine>,
    /// (a, b, events, net cooperation–conflict score)
    dyads: Vec<(String, String, usize, i32)>,
    calculus: Vec<Calculus>,
    actors: Vec<ActorLine>,
    speakers: Vec<SpeakerQuotes>,
    outlets: usize,
    first: Option<String>,
    last: Option<String>,
}

fn actor_line(a: &ActorRow) -> ActorLine {
    let mut about: Vec<String> = a
        .roles
        .iter()
        .filter(|r| !r.contains('_'))
        .take(2)
        .cloned()
        .collect();
    about.extend(
        a.roles
            .iter()
            .filter(|r| r.contains('_'))
            .take(2)
            .map(|r| r.replace('_', " ")),
    );
    if let Some(aff) = &a.affiliation {
        about.push(aff.clone());
    }
    ActorLine {
        name: a.name.clone(),
        kind: a.kind.clone(),
        about: about.join("; "),
        mentions: a.mentions,
        documents: a.documents,
    }
}

/// Actors whose calculus the brief shows.
const CALCULUS_ACTORS: usize = 3;
/// Points of a side a reader is shown: at most [`MAX_POINTS`], and points
/// one source alone makes only while fewer than [`MIN_POINTS`] are shown.
const MIN_POINTS: usize = 5;
const MAX_POINTS: usize = 10;

/// How many of a side's points, best-sourced first (their independent
/// sources in that order), a reader is shown: every point backed by more
/// than one independent source, up to [`MAX_POINTS`]; points one source
/// alone makes only while fewer than [`MIN_POINTS`] are shown. A short
/// list a reader can take in; the rest are minor (`dossier calculus
/// --all` lists them).
pub fn points_shown(sources: &[usize]) -> usize {
    let corroborated = sources.iter().take_while(|&&n| n > 1).count();
    corroborated
        .clamp(MIN_POINTS, MAX_POINTS)
        .min(sources.len())
}

/// Points of a calculus: the point's text and its independent sources.
type Points = Vec<(String, usize)>;

/// One actor's calculus: its name, what it gains, what it loses.
type Calculus = (String, Points, Points);

/// What the most discussed actors stand to gain and to lose, best-sourced
/// points first (the store orders stances by independent sources, then
/// statements), as many as [`points_shown`] says.
fn calculus(stances: &[StanceRow], actors: &[ActorRow]) -> Vec<Calculus> {
    let side = |id: &str, polarity: Polarity| -> Points {
        let mut points: Points = stances
            .iter()
            .filter(|s| s.holder == id && s.polarity == polarity)
            .map(|s| (s.text.clone(), s.independent_sources))
            .collect();
        let sources: Vec<usize> = points.iter().map(|p| p.1).collect();
        points.truncate(points_shown(&sources));
        points
    };
    actors
        .iter()
        .map(|a| {
            (
                a.name.clone(),
                side(&a.id, Polarity::Benefit),
                side(&a.id, Polarity::Cost),
            )
        })
        .filter(|(_, gains, costs)| !gains.is_empty() || !costs.is_empty())
        .take(CALCULUS_ACTORS)
        .collect()
}

/// A quotation as the brief prints it inside its own quotation marks:
/// without the comma that introduced the speech tag ("…for Beijing," he said).
fn quote_text(text: &str) -> String {
    text.trim_end_matches([',', ' ']).replace('\n', " ")
}

/// Direct quotes grouped by speaker, speakers with most quotes first.
fn speakers(quotes: &[QuoteRow], actors: &[ActorRow], docs: &[DocumentRow]) -> Vec<SpeakerQuotes> {
    let mut groups: Vec<SpeakerQuotes> = Vec::new();
    for q in quotes.iter().filter(|q| q.direct != Directness::Indirect) {
        let Some(speaker) = q
            .speaker_actor
            .as_deref()
            .and_then(|id| actors.iter().find(|a| a.id == id))
            .map(|a| a.name.clone())
            .or_else(|| q.speaker.clone())
        else {
            continue;
        };
        let about = q.affiliation.clone().unwrap_or_default();
        let quote = (quote_text(&q.text), document_label(docs, &q.document));
        match groups.iter_mut().find(|g| g.speaker == speaker) {
            Some(g) => g.quotes.push(quote),
            None => groups.push(SpeakerQuotes {
                speaker,
                about,
                quotes: vec![quote],
            }),
        }
    }
    groups.sort_by_key(|g| std::cmp::Reverse(g.quotes.len()));
    groups.truncate(TOP_SPEAKERS);
    for g in &mut groups {
        g.quotes.truncate(QUOTES_PER_SPEAKER);
    }
    groups
}

fn sources(docs: &[DocumentRow], reuse: &[ReuseRow], stories: &[StoryRow]) -> Sources {
    let title = |id: &str| {
        docs.iter()
            .find(|d| d.id == id)
            .map(|d| {
                d.title
                    .clone()
                    .unwrap_or_else(|| format!("(untitled: {})", file_name(&d.origin)))
            })
            .unwrap_or_else(|| id.to_string())
    };
    Sources {
        stories: stories
            .iter()
            .filter(|s| s.documents.len() > 1)
            .take(TOP_STORIES)
            .map(StoryLine::of)
            .collect(),
        // The strongest links; the export has them all.
        copies: reuse
            .iter()
            .take(TOP_COPIES)
            .map(|r| (title(&r.a), title(&r.b), r.kind.clone(), r.similarity))
            .collect(),
        spun: docs
            .iter()
            .filter(|d| d.spun)
            .map(|d| {
                let examples = d
                    .spun_examples
                    .iter()
                    .take(4)
                    .map(|(s, e, usual)| {
                        (
                            d.text.get(*s..*e).unwrap_or_default().to_string(),
                            usual.clone(),
                        )
                    })
                    .collect();
                (title(&d.id), examples)
            })
            .collect(),
    }
}

fn build(docs: &[DocumentRow], actors: &[ActorRow], quotes: &[QuoteRow]) -> Brief {
    let outlets: BTreeSet<&str> = docs.iter().filter_map(|d| d.outlet.as_deref()).collect();
    let dates: Vec<&str> = docs.iter().filter_map(|d| d.published.as_deref()).collect();
    Brief {
        documents: docs
            .iter()
            .map(|d| DocLine {
                // An inferred date is marked as such.
                date: d
                    .published
                    .clone()
                    .or_else(|| d.published_inferred.as_ref().map(|p| format!("≈{p}")))
                    .unwrap_or_default(),
                outlet: d.outlet.clone().unwrap_or_default(),
                title: d
                    .title
                    .clone()
                    .unwrap_or_else(|| format!("(untitled: {})", file_name(&d.origin))),
                words: d.text.split_whitespace().count(),
            })
            .collect(),
        sources: Sources::default(),
        timeline: Vec::new(),
        dyads: Vec::new(),
        calculus: Vec::new(),
        actors: actors.iter().take(TOP_ACTORS).map(actor_line).collect(),
        speakers: speakers(quotes, actors, docs),
        outlets: outlets.len(),
        first: dates.iter().min().map(|s| s.to_string()),
        last: dates.iter().max().map(|s| s.to_string()),
    }
}

/// How the brief names a document: its title, else its file name.
fn document_label(docs: &[DocumentRow], id: &str) -> String {
    docs.iter()
        .find(|d| d.id == id)
        .map(|d| {
            d.title
                .clone()
                .unwrap_or_else(|| file_name(&d.origin).to_string())
        })
        .unwrap_or_else(|| id.to_string())
}

/// The text of a byte span of a document, on one line ("" if the span is
/// not the document's).
fn span_text(docs: &[DocumentRow], id: &str, start: usize, end: usize) -> String {
    docs.iter()
        .find(|d| d.id == id)
        .and_then(|d| d.text.get(start..end))
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

fn file_name(origin: &str) -> &str {
    origin.rsplit(['/', '\\']).next().unwrap_or(origin)
}

impl Brief {
    fn summary(&self) -> String {
        let n = self.documents.len();
        let mut s = format!("{n} document{}", if n == 1 { "" } else { "s" });
        if self.outlets > 0 {
            s += &format!(
                " from {} outlet{}",
                self.outlets,
                if self.outlets == 1 { "" } else { "s" }
            );
        }
        match (&self.first, &self.last) {
            (Some(a), Some(b)) if a != b => s += &format!(", published {a} to {b}"),
            (Some(a), _) => s += &format!(", published {a}"),
            _ => {}
        }
        s + "."
    }
}

/// Renders the brief of everything in the store, read in one snapshot (a
/// writer may be running).
pub fn render(store: &impl Storage, format: Format) -> Result<String, StoreError> {
    store.snapshot(|store| render_snapshot(store, format))
}

fn render_snapshot(store: &impl Storage, format: Format) -> Result<String, StoreError> {
    let docs = store.documents()?;
    let mut brief = build(&docs, &store.actors()?, &store.quotes()?);
    brief.sources = sources(&docs, &store.reuse()?, &store.stories()?);
    let actors = store.actors()?;
    let name = |id: &String| {
        actors
            .iter()
            .find(|a| &a.id == id)
            .map_or_else(|| id.clone(), |a| a.name.clone())
    };
    let names = |ids: &[String]| {
        if ids.is_empty() {
            "—".to_string()
        } else {
            ids.iter().map(name).collect::<Vec<_>>().join(", ")
        }
    };
    let events = store.events()?;
    // The best-sourced events, shown in date order: dated ones, and
    // undated ones that several sources report (the articles give no date,
    // but the event is well attested), last.
    let mut shown: Vec<&dossier_model::MergedEvent> = crate::timeline::timeline(&events, None)
        .into_iter()
        .filter(|e| e.date.is_some() || e.independent_sources >= 2)
        .collect();
    shown.sort_by(|a, b| {
        b.independent_sources
            .cmp(&a.independent_sources)
            .then(b.evidence.len().cmp(&a.evidence.len()))
    });
    shown.truncate(TOP_EVENTS);
    shown.sort_by(|a, b| (a.date.is_none(), &a.date).cmp(&(b.date.is_none(), &b.date)));
    // The dyads count the events the timeline lists, so the two sections
    // agree on what happened between any two actors.
    brief.dyads = crate::timeline::main_dyads(shown.iter().copied(), TOP_DYADS)
        .into_iter()
        .map(|(a, b, n, score)| (name(&a), name(&b), n, score))
        .collect();
    brief.timeline = shown
        .into_iter()
        .map(|e| {
            let (document, sentence) = e
                .evidence
                .first()
                .map(|(d, start, end)| {
                    (document_label(&docs, d), span_text(&docs, d, *start, *end))
                })
                .unwrap_or_default();
            EventLine {
                date: e
                    .date
                    .as_deref()
                    .map_or_else(|| "undated".to_string(), crate::timeline::readable_date),
                kind: e.kind.clone(),
                who: format!("{} → {}", names(&e.sources), names(&e.targets)),
                sources: e.independent_sources,
                sentence,
                document,
            }
        })
        .collect();
    brief.calculus = calculus(&store.stances()?, &actors);
    Ok(match format {
        Format::Markdown => markdown(&brief),
        Format::Html => html(&brief),
    })
}

/// A value from the store as Markdown text that renders as itself, on one
/// line: articles are untrusted input, and a title such as `<img src=x
/// onerror=…>` or `[x](javascript:…)` must not become live markup in a
/// CommonMark renderer. `<`, `>` and `&` become entities (so no raw HTML
/// and no autolink can open); the characters that open emphasis, code,
/// links, strikethrough or a table cell are escaped with a backslash.
fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn markdown(b: &Brief) -> String {
    let mut out = format!("# Dossier brief\n\n{}\n", md(&b.summary()));
    if !b.documents.is_empty() {
        out += "\n## Documents\n\n| Date | Outlet | Title | Words |\n|---|---|---|---:|\n";
        for d in &b.documents {
            out += &format!(
                "| {} | {} | {} | {} |\n",
                md(&d.date),
                md(&d.outlet),
                md(&d.title),
                d.words
            );
        }
    }
    out += &sources_markdown(&b.sources);
    if !b.timeline.is_empty() {
        out += "\n## Timeline\n\n| Date | Event | Who → whom | Sources | Reported in |\n|---|---|---|---:|---|\n";
        for e in &b.timeline {
            out += &format!(
                "| {} | {} | {} | {} | “{}” (*{}*) |\n",
                md(&e.date),
                md(&e.kind),
                md(&e.who),
                e.sources,
                md(&e.sentence),
                md(&e.document)
            );
        }
    }
    if !b.dyads.is_empty() {
        out += "\n## Main dyads\n\n| Actors | Events | Cooperation–conflict |\n|---|---:|---:|\n";
        for (a, c, n, score) in &b.dyads {
            out += &format!("| {} – {} | {n} | {score:+} |\n", md(a), md(c));
        }
    }
    for (name, gains, costs) in &b.calculus {
        for (heading, points) in [("gain", gains), ("lose", costs)] {
            if points.is_empty() {
                continue;
            }
            out += &format!("\n## What {} stands to {heading}\n\n", md(name));
            for (text, sources) in points {
                out += &format!(
                    "- {} ({sources} source{})\n",
                    md(text),
                    if *sources == 1 { "" } else { "s" }
                );
            }
        }
    }
    if !b.actors.is_empty() {
        out += "\n## Actors\n\n| Actor | Kind | Role / affiliation | Mentions | Documents |\n|---|---|---|---:|---:|\n";
        for a in &b.actors {
            out += &format!(
                "| {} | {} | {} | {} | {} |\n",
                md(&a.name),
                md(&a.kind),
                md(&a.about),
                a.mentions,
                a.documents
            );
        }
    }
    if !b.speakers.is_empty() {
        out += "\n## Who said what\n";
        for s in &b.speakers {
            let about = if s.about.is_empty() {
                String::new()
            } else {
                format!(" ({})", md(&s.about))
            };
            out += &format!("\n**{}**{about}\n\n", md(&s.speaker));
            for (q, document) in &s.quotes {
                out += &format!("> “{}” (*{}*)\n\n", md(q), md(document));
            }
        }
    }
    out
}

fn sources_markdown(s: &Sources) -> String {
    if s.stories.is_empty() && s.copies.is_empty() && s.spun.is_empty() {
        return String::new();
    }
    let mut out = String::from("\n## Sources\n\n");
    for story in &s.stories {
        out += &format!(
            "- Story *{}*: **{} independent source{}**, {}.\n",
            md(&story.name),
            story.independent,
            if story.independent == 1 { "" } else { "s" },
            md(&story.details())
        );
    }
    for (a, b, kind, similarity) in &s.copies {
        out += &format!(
            "- *{}* and *{}*: {} (similarity {similarity:.2}).\n",
            md(a),
            md(b),
            md(kind)
        );
    }
    for (title, examples) in &s.spun {
        let shown: Vec<String> = examples
            .iter()
            .map(|(odd, usual)| format!("“{}” for “{}”", md(odd), md(usual)))
            .collect();
        out += &format!(
            "- *{}* reads as machine-rewritten: {}.\n",
            md(title),
            shown.join(", ")
        );
    }
    out
}

fn sources_html(s: &Sources) -> String {
    if s.stories.is_empty() && s.copies.is_empty() && s.spun.is_empty() {
        return String::new();
    }
    let mut out = String::from("<h2>Sources</h2>\n<ul>\n");
    for story in &s.stories {
        out += &format!(
            "<li>Story <em>{}</em>: <strong>{} independent source{}</strong>, {}.</li>\n",
            esc(&story.name),
            story.independent,
            if story.independent == 1 { "" } else { "s" },
            esc(&story.details())
        );
    }
    for (a, b, kind, similarity) in &s.copies {
        out += &format!(
            "<li><em>{}</em> and <em>{}</em>: {} (similarity {similarity:.2}).</li>\n",
            esc(a),
            esc(b),
            esc(kind)
        );
    }
    for (title, examples) in &s.spun {
        let shown: Vec<String> = examples
            .iter()
            .map(|(odd, usual)| format!("“{}” for “{}”", esc(odd), esc(usual)))
            .collect();
        out += &format!(
            "<li><em>{}</em> reads as machine-rewritten: {}.</li>\n",
            esc(title),
            shown.join(", ")
        );
    }
    out + "</ul>\n"
}

fn esc(s: &str) -> String {
    html_escape::encode_text(s).into_owned()
}

fn html(b: &Brief) -> String {
    let mut out = String::from(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Dossier brief</title>\n\
         <style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}\
         table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.3rem .6rem;border-bottom:1px solid #ddd}\
         td.n{text-align:right}</style>\n</head>\n<body>\n<h1>Dossier brief</h1>\n",
    );
    out += &format!("<p>{}</p>\n", esc(&b.summary()));
    if !b.documents.is_empty() {
        out += "<h2>Documents</h2>\n<table>\n<tr><th>Date</th><th>Outlet</th><th>Title</th><th>Words</th></tr>\n";
        for d in &b.documents {
            out += &format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td></tr>\n",
                esc(&d.date),
                esc(&d.outlet),
                esc(&d.title),
                d.words
            );
        }
        out += "</table>\n";
    }
    out += &sources_html(&b.sources);
    if !b.timeline.is_empty() {
        out += "<h2>Timeline</h2>\n<table>\n<tr><th>Date</th><th>Event</th><th>Who → whom</th><th>Sources</th><th>Reported in</th></tr>\n";
        for e in &b.timeline {
            out += &format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td>“{}” (<i>{}</i>)</td></tr>\n",
                esc(&e.date),
                esc(&e.kind),
                esc(&e.who),
                e.sources,
                esc(&e.sentence),
                esc(&e.document)
            );
        }
        out += "</table>\n";
    }
    if !b.dyads.is_empty() {
        out += "<h2>Main dyads</h2>\n<table>\n<tr><th>Actors</th><th>Events</th><th>Cooperation–conflict</th></tr>\n";
        for (a, c, n, score) in &b.dyads {
            out += &format!(
                "<tr><td>{} – {}</td><td class=\"n\">{n}</td><td class=\"n\">{score:+}</td></tr>\n",
                esc(a),
                esc(c)
            );
        }
        out += "</table>\n";
    }
    for (name, gains, costs) in &b.calculus {
        for (heading, points) in [("gain", gains), ("lose", costs)] {
            if points.is_empty() {
                continue;
            }
            out += &format!("<h2>What {} stands to {heading}</h2>\n<ul>\n", esc(name));
            for (text, sources) in points {
                out += &format!(
                    "<li>{} ({sources} source{})</li>\n",
                    esc(text),
                    if *sources == 1 { "" } else { "s" }
                );
            }
            out += "</ul>\n";
        }
    }
    if !b.actors.is_empty() {
        out += "<h2>Actors</h2>\n<table>\n<tr><th>Actor</th><th>Kind</th><th>Role / affiliation</th><th>Mentions</th><th>Documents</th></tr>\n";
        for a in &b.actors {
            out += &format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>\n",
                esc(&a.name),
                esc(&a.kind),
                esc(&a.about),
                a.mentions,
                a.documents
            );
        }
        out += "</table>\n";
    }
    if !b.speakers.is_empty() {
        out += "<h2>Who said what</h2>\n";
        for s in &b.speakers {
            let about = if s.about.is_empty() {
                String::new()
            } else {
                format!(" ({})", esc(&s.about))
            };
            out += &format!("<h3>{}{about}</h3>\n", esc(&s.speaker));
            for (q, document) in &s.quotes {
                out += &format!(
                    "<blockquote>“{}” (<i>{}</i>)</blockquote>\n",
                    esc(q),
                    esc(document)
                );
            }
        }
    }
    out + "</body>\n</html>\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(title: Option<&str>, outlet: Option<&str>, published: Option<&str>) -> DocumentRow {
        DocumentRow {
            id: "d1".into(),
            version: 1,
            origin: "dir/a.txt".into(),
            url: None,
            title: title.map(Into::into),
            outlet: outlet.map(Into::into),
            author: None,
            published: published.map(Into::into),
            published_inferred: None,
            language: Some("en".into()),
            text: "Four words are here.".into(),
            genre: None,
            spun: false,
            spun_examples: vec![],
            paragraphs: 1,
            sentences: 1,
        }
    }

    #[test]
    fn markdown_lists_documents_and_escapes_cells() {
        let b = build(
            &[
                row(Some("A | B"), Some("Wire"), Some("2025-03-13")),
                row(None, None, Some("2025-03-15")),
            ],
            &[],
            &[],
        );
        let md = markdown(&b);
        assert!(
            md.contains("2 documents from 1 outlet, published 2025-03-13 to 2025-03-15."),
            "{md}"
        );
        assert!(md.contains("| 2025-03-13 | Wire | A \\| B | 4 |"), "{md}");
        assert!(md.contains("(untitled: a.txt)"));
    }

    #[test]
    fn empty_store_has_no_documents_section() {
        let b = build(&[], &[], &[]);
        assert!(!markdown(&b).contains("## "));
        assert!(!html(&b).contains("<h2>"));
    }

    #[test]
    fn actors_and_speakers_sections_appear_with_data() {
        let actor = ActorRow {
            id: "person:jane-roe".into(),
            name: "Jane Roe".into(),
            kind: "person".into(),
            country: None,
            roles: vec!["professor of politics".into()],
            aliases: vec!["Ms. Roe".into()],
            affiliation: Some("Example University".into()),
            mentions: 3,
            documents: 1,
        };
        let quote = QuoteRow {
            document: "d1".into(),
            start: 0,
            end: 5,
            text: "Talks will fail.".into(),
            speaker: Some("Ms. Roe".into()),
            speaker_actor: Some("person:jane-roe".into()),
            affiliation: Some("Example University".into()),
            direct: Directness::Direct,
        };
        let md = markdown(&build(&[row(Some("T"), None, None)], &[actor], &[quote]));
        assert!(
            md.contains(
                "| Jane Roe | person | professor of politics; Example University | 3 | 1 |"
            ),
            "{md}"
        );
        assert!(md.contains("**Jane Roe** (Example University)"), "{md}");
        assert!(md.contains("> “Talks will fail.”"), "{md}");
    }

    /// Regression: titles, outlets and quotes were written to Markdown as
    /// given, so markup in an article rendered live.
    #[test]
    fn markdown_values_cannot_open_markup() {
        let quote = QuoteRow {
            document: "d1".into(),
            start: 0,
            end: 5,
            text: "<script>alert(1)</script> and *bold* `code`".into(),
            speaker: Some("[Jane](javascript:alert(1))".into()),
            speaker_actor: None,
            affiliation: None,
            direct: Directness::Direct,
        };
        let docs = [row(
            Some("<img src=x onerror=alert(1)> [x](javascript:alert(1))"),
            Some("<a href=\"javascript:x\">Wire</a>"),
            Some("2025-03-13"),
        )];
        let md = markdown(&build(&docs, &[], &[quote]));
        for live in ["<img", "<script", "<a ", "[x]", "*bold*", "`code`"] {
            assert!(!md.contains(live), "{live} in {md}");
        }
        assert!(!md.replace("\\]", "").contains("]("), "a live link in {md}");
        assert!(
            md.contains("&lt;img src=x onerror=alert(1)&gt; \\[x\\](javascript:alert(1))"),
            "{md}"
        );
        assert!(
            md.contains("&lt;script&gt;alert(1)&lt;/script&gt; and \\*bold\\* \\`code\\`"),
            "{md}"
        );
        assert!(md.contains("**\\[Jane\\](javascript:alert(1))**"), "{md}");
    }

    #[test]
    fn html_escapes_text() {
        let h = html(&build(&[row(Some("<b>x</b>"), None, None)], &[], &[]));
        assert!(h.contains("&lt;b&gt;x&lt;/b&gt;"));
    }

    #[test]
    fn sides_show_corroborated_points_and_a_few_more() {
        // Single-source points fill the list up to five, no further.
        assert_eq!(points_shown(&[3, 2, 1, 1, 1, 1, 1]), 5);
        assert_eq!(points_shown(&[1, 1]), 2);
        assert_eq!(points_shown(&[]), 0);
        // Every corroborated point is shown, up to ten.
        assert_eq!(points_shown(&[3, 2, 2, 2, 2, 2, 1, 1]), 6);
        assert_eq!(points_shown(&[2; 12]), 10);
    }
}
