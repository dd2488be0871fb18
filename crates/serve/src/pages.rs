//! The HTML pages, rendered on the server from a [`Snapshot`]: readable
//! without JavaScript, findings first. Each function returns a whole page;
//! every value from the store is escaped ([`esc`], [`url_part`]).

use std::collections::BTreeMap;
use std::fmt::Write;

use dossier_model::MergedEvent;
use dossier_outputs::brief::points_shown;
use dossier_outputs::calculus::SIDES;
use dossier_outputs::timeline::{readable_date, score, timeline};
use dossier_store::{DocumentRow, SearchQuery, SearchResults, StanceRow};

use crate::html::{count, esc, link, page, url_part};
use crate::snapshot::{date_of, Snapshot};

/// PLOVER event types, for the search form's choice.
pub const EVENT_TYPES: [&str; 16] = [
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
];

fn document_path(id: &str) -> String {
    format!("/document/{}", url_part(id))
}

fn actor_path(id: &str) -> String {
    format!("/actor/{}", url_part(id))
}

fn story_path(id: &str) -> String {
    format!("/story/{}", url_part(id))
}

/// The link to a document at the sentence of a span (the article page
/// gives every sentence, and every event report's start, an anchor).
fn at_sentence(id: &str, start: usize) -> String {
    format!("{}#s-{start}", document_path(id))
}

/// A document's title, else the last part of its origin (a file name).
fn title_of(d: &DocumentRow) -> &str {
    d.title
        .as_deref()
        .unwrap_or_else(|| d.origin.rsplit(['/', '\\']).next().unwrap_or(&d.origin))
}

fn date_range(first: Option<&str>, last: Option<&str>) -> String {
    match (first, last) {
        (Some(a), Some(b)) if a != b => format!("{} – {}", readable_date(a), readable_date(b)),
        (Some(a), _) | (None, Some(a)) => readable_date(a),
        (None, None) => "undated".into(),
    }
}

fn actor_links(s: &Snapshot, ids: &[String]) -> String {
    if ids.is_empty() {
        return "—".into();
    }
    ids.iter()
        .map(|id| link(&actor_path(id), s.name(id)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// "cooperation", "conflict" or "neutral": the class colouring an event
/// type or a network edge by its score on the PLOVER scale.
fn tone(score: i32) -> &'static str {
    match score {
        s if s > 0 => "cooperation",
        s if s < 0 => "conflict",
        _ => "neutral",
    }
}

/// One event: date, type, who → whom, independent sources, and its
/// clearest report's sentence linked to the article at that sentence.
fn event_item(s: &Snapshot, e: &MergedEvent) -> String {
    let mut out = format!(
        "<li class=\"event\"><span class=\"date\">{}</span> <span class=\"type {}\">{}</span> {} → {} <span class=\"meta\">{}</span>",
        esc(&e.date.as_deref().map_or_else(|| "undated".into(), readable_date)),
        tone(score(&e.kind)),
        esc(&e.kind),
        actor_links(s, &e.sources),
        actor_links(s, &e.targets),
        esc(&count(e.independent_sources, "independent source", "independent sources")),
    );
    if let Some((doc, start, end)) = e.evidence.first() {
        if let Some(d) = s.document(doc) {
            let sentence = d.text.get(*start..*end).unwrap_or_default();
            let _ = write!(
                out,
                "<blockquote><a class=\"evidence\" href=\"{}\">{}</a><cite>{}</cite></blockquote>",
                esc(&at_sentence(doc, *start)),
                esc(sentence),
                esc(title_of(d))
            );
        }
    }
    out + "</li>"
}

fn quote_item(s: &Snapshot, q: &dossier_store::QuoteRow) -> String {
    let who = match (&q.speaker_actor, &q.speaker) {
        (Some(id), _) => link(&actor_path(id), s.name(id)),
        (None, Some(name)) => esc(name),
        (None, None) => "unattributed".into(),
    };
    let title = s
        .document(&q.document)
        .map_or(q.document.as_str(), title_of);
    format!(
        "<li class=\"quote\"><span class=\"speaker\">{who}</span>: <a href=\"{}\">{}</a> <cite>{}</cite></li>",
        esc(&at_sentence(&q.document, q.start)),
        esc(&q.text),
        esc(title)
    )
}

/// An actor's calculus from `points` (best sourced first): each side with
/// the points a reader is shown ([`points_shown`]) and the rest counted.
fn calculus(points: &[&StanceRow]) -> String {
    let mut out = String::new();
    for (polarity, heading) in SIDES {
        let side: Vec<&&StanceRow> = points.iter().filter(|p| p.polarity == polarity).collect();
        if side.is_empty() {
            continue;
        }
        let sources: Vec<usize> = side.iter().map(|p| p.independent_sources).collect();
        let shown = points_shown(&sources);
        let _ = write!(
            out,
            "<h4>{heading}</h4><ul class=\"calculus {}\">",
            polarity.name()
        );
        for p in &side[..shown] {
            let at = p
                .evidence
                .first()
                .map(|(d, start, _)| at_sentence(d, *start))
                .unwrap_or_default();
            let _ = write!(
                out,
                "<li><a href=\"{}\">{}</a> <span class=\"meta\">{}{}</span></li>",
                esc(&at),
                esc(&p.text),
                esc(&count(p.independent_sources, "source", "sources")),
                p.topic
                    .as_deref()
                    .map(|t| format!(" · {}", esc(t)))
                    .unwrap_or_default()
            );
        }
        if side.len() > shown {
            let _ = write!(
                out,
                "<li class=\"meta\">and {} more</li>",
                side.len() - shown
            );
        }
        out.push_str("</ul>");
    }
    out
}

pub fn overview(s: &Snapshot) -> String {
    let mut body = format!(
        "<h1>What the articles say</h1><p class=\"lead\">{} · {} · {} · {}</p>",
        count(s.stories.len(), "story", "stories"),
        count(s.documents.len(), "document", "documents"),
        count(s.actors.len(), "actor", "actors"),
        count(timeline(&s.events, None).len(), "event", "events"),
    );
    body.push_str("<section class=\"stories\"><h2>Stories</h2><ol>");
    let mut stories: Vec<_> = s.stories.iter().collect();
    stories.sort_by(|a, b| {
        (b.independent_sources, b.documents.len()).cmp(&(a.independent_sources, a.documents.len()))
    });
    for st in stories.iter().take(20) {
        let _ = write!(
            body,
            "<li>{} <span class=\"meta\">{} · {} · {}</span></li>",
            link(&story_path(&st.id), &st.name),
            esc(&date_range(
                st.first_date.as_deref(),
                st.last_date.as_deref()
            )),
            count(st.documents.len(), "document", "documents"),
            count(
                st.independent_sources,
                "independent source",
                "independent sources"
            ),
        );
    }
    body.push_str("</ol>");
    if stories.len() > 20 {
        let _ = write!(
            body,
            "<p class=\"meta\">and {} more (<a href=\"/api/v1/stories\">all, as JSON</a>)</p>",
            stories.len() - 20
        );
    }
    body.push_str(
        "</section><div class=\"columns\"><section><h2>Latest events</h2><ul class=\"events\">",
    );
    // Latest first; undated events are not "latest".
    let dated: Vec<_> = timeline(&s.events, None)
        .into_iter()
        .filter(|e| e.date.is_some())
        .collect();
    for e in dated.iter().rev().take(8) {
        body.push_str(&event_item(s, e));
    }
    body.push_str("</ul></section><section><h2>Main actors</h2><ol class=\"actors\">");
    for a in s.actors.iter().take(15) {
        let _ = write!(
            body,
            "<li>{} <span class=\"meta\">{} · {}</span></li>",
            link(&actor_path(&a.id), &a.name),
            esc(&a.kind),
            count(a.documents, "document", "documents")
        );
    }
    body.push_str("</ol></section></div>");
    page("Overview", &body)
}

/// Who acts on whom among `events`: actors on a circle, an edge per pair
/// coloured by the sum of its events' cooperation–conflict scores and as
/// thick as their number. Drawn here as SVG, so no script is needed.
fn network(s: &Snapshot, events: &[&MergedEvent]) -> String {
    let mut edges: BTreeMap<(&str, &str), (usize, i32)> = BTreeMap::new();
    let mut degree: BTreeMap<&str, usize> = BTreeMap::new();
    for e in events {
        for a in &e.sources {
            for b in &e.targets {
                if a == b {
                    continue;
                }
                let edge = edges.entry((a.as_str(), b.as_str())).or_default();
                edge.0 += 1;
                edge.1 += score(&e.kind);
                *degree.entry(a).or_default() += 1;
                *degree.entry(b).or_default() += 1;
            }
        }
    }
    if edges.is_empty() {
        return "<p class=\"meta\">No event between two actors.</p>".into();
    }
    let mut nodes: Vec<(&str, usize)> = degree.into_iter().collect();
    nodes.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    nodes.truncate(16);
    let (w, h, r) = (640.0_f64, 420.0_f64, 160.0_f64);
    let position = |i: usize| {
        let angle =
            std::f64::consts::TAU * i as f64 / nodes.len() as f64 - std::f64::consts::FRAC_PI_2;
        (w / 2.0 + r * 1.45 * angle.cos(), h / 2.0 + r * angle.sin())
    };
    let at = |id: &str| nodes.iter().position(|(n, _)| *n == id).map(position);
    let mut svg = format!(
        "<svg class=\"network\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"Who acts on whom\">\
         <defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"10\" markerHeight=\"10\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#777\"/></marker></defs>"
    );
    for ((a, b), (n, sum)) in &edges {
        let (Some((x1, y1)), Some((x2, y2))) = (at(a), at(b)) else {
            continue;
        };
        // Stop short of the target's dot, and keep to the right of the
        // line between the two, so that a→b and b→a are both seen.
        let (dx, dy) = (x2 - x1, y2 - y1);
        let len = (dx * dx + dy * dy).sqrt().max(1.0);
        let (ox, oy) = (-dy / len * 4.0, dx / len * 4.0);
        let (x1, y1) = (x1 + ox, y1 + oy);
        let (x2, y2) = (x2 - dx / len * 10.0 + ox, y2 - dy / len * 10.0 + oy);
        let _ = write!(
            svg,
            "<line class=\"edge {}\" x1=\"{x1:.0}\" y1=\"{y1:.0}\" x2=\"{x2:.0}\" y2=\"{y2:.0}\" stroke-width=\"{}\" marker-end=\"url(#arrow)\"><title>{} → {}: {} (score {sum})</title></line>",
            tone(*sum),
            (1 + n).min(8),
            esc(s.name(a)),
            esc(s.name(b)),
            count(*n, "event", "events"),
        );
    }
    for (i, (id, _)) in nodes.iter().enumerate() {
        let (x, y) = position(i);
        let _ = write!(
            svg,
            "<a href=\"{}\"><circle cx=\"{x:.0}\" cy=\"{y:.0}\" r=\"6\"/><text x=\"{x:.0}\" y=\"{:.0}\" text-anchor=\"middle\">{}</text></a>",
            esc(&actor_path(id)),
            y - 11.0,
            esc(s.name(id))
        );
    }
    svg + "</svg><p class=\"legend\"><span class=\"cooperation\">cooperation</span> · <span class=\"conflict\">conflict</span> · <span class=\"neutral\">neutral</span></p>"
}

pub fn story(s: &Snapshot, id: &str) -> Option<String> {
    let (st, docs) = s.story_documents(id)?;
    let shown: Vec<&MergedEvent> = timeline(&s.events, None)
        .into_iter()
        .filter(|e| e.evidence.iter().any(|(d, _, _)| docs.contains(d.as_str())))
        .collect();
    let mut body = format!(
        "<h1>{}</h1><p class=\"lead\">{} · {} · {}</p>",
        esc(&st.name),
        esc(&date_range(
            st.first_date.as_deref(),
            st.last_date.as_deref()
        )),
        count(st.documents.len(), "document", "documents"),
        count(
            st.independent_sources,
            "independent source",
            "independent sources"
        ),
    );
    if !st.evidence.is_empty() {
        let _ = write!(
            body,
            "<p class=\"meta\">Joined by: {}</p>",
            esc(&st
                .evidence
                .iter()
                .map(|e| s.name(e))
                .collect::<Vec<_>>()
                .join(", "))
        );
    }
    body.push_str("<section><h2>Timeline</h2>");
    if shown.is_empty() {
        body.push_str("<p class=\"meta\">No event the articles clearly report.</p>");
    } else {
        body.push_str("<ol class=\"events\">");
        for e in &shown {
            body.push_str(&event_item(s, e));
        }
        body.push_str("</ol>");
    }
    let _ = write!(
        body,
        "</section><section><h2>Who acts on whom</h2>{}</section>",
        network(s, &shown)
    );
    // Main actors: those in most of the story's events.
    let mut involvement: BTreeMap<&str, usize> = BTreeMap::new();
    for e in &shown {
        for a in e.sources.iter().chain(&e.targets) {
            *involvement.entry(a).or_default() += 1;
        }
    }
    let mut main: Vec<(&str, usize)> = involvement.into_iter().collect();
    main.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let mut calculi = String::new();
    for (actor, _) in main.iter().take(5) {
        let points: Vec<&StanceRow> = s
            .stances
            .iter()
            .filter(|p| p.holder == *actor && p.documents.iter().any(|d| docs.contains(d.as_str())))
            .collect();
        if !points.is_empty() {
            let _ = write!(
                calculi,
                "<div class=\"calculus-of\"><h3>{}</h3>{}</div>",
                link(&actor_path(actor), s.name(actor)),
                calculus(&points)
            );
        }
    }
    if !calculi.is_empty() {
        let _ = write!(
            body,
            "<section><h2>What the main actors stand to gain or lose</h2><div class=\"calculi\">{calculi}</div></section>"
        );
    }
    let quotes: Vec<_> = s
        .quotes
        .iter()
        .filter(|q| docs.contains(q.document.as_str()))
        .collect();
    if !quotes.is_empty() {
        body.push_str("<section><h2>Who said what</h2><ul class=\"quotes\">");
        for q in quotes.iter().take(30) {
            body.push_str(&quote_item(s, q));
        }
        body.push_str("</ul></section>");
    }
    body.push_str("<section><h2>Documents</h2><ul class=\"documents\">");
    for id in &st.documents {
        let Some(d) = s.document(id) else { continue };
        let _ = write!(
            body,
            "<li>{} <span class=\"meta\">{} · {}</span>",
            link(&document_path(id), title_of(d)),
            esc(date_of(d).unwrap_or("undated")),
            esc(d.outlet.as_deref().unwrap_or("outlet unknown")),
        );
        for r in s.reuse_of(id).filter(|r| r.a == *id) {
            let other = s.document(&r.b).map_or(r.b.as_str(), title_of);
            let _ = write!(
                body,
                " <span class=\"reuse\">{} of {}</span>",
                esc(&r.kind),
                link(&document_path(&r.b), other)
            );
        }
        body.push_str("</li>");
    }
    body.push_str("</ul></section>");
    Some(page(&st.name, &body))
}

/// One kind of highlight in an article, outermost first.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Mark {
    Quote,
    Time,
    Actor,
}

pub fn document(s: &Snapshot, id: &str, sentences: &[(usize, usize)]) -> Option<String> {
    let d = s.document(id)?;
    let text = &d.text;
    // Highlights: (start, end, kind, label, target).
    let mut marks: Vec<(usize, usize, Mark, String, String)> = Vec::new();
    for m in s.mentions_in(id) {
        marks.push((
            m.start,
            m.end,
            Mark::Actor,
            s.name(&m.actor).to_string(),
            actor_path(&m.actor),
        ));
    }
    for t in s.times_in(id) {
        marks.push((t.start, t.end, Mark::Time, t.value.clone(), String::new()));
    }
    for q in s.quotes.iter().filter(|q| q.document == id) {
        let who = q.speaker.clone().unwrap_or_else(|| "unattributed".into());
        marks.push((q.start, q.end, Mark::Quote, who, String::new()));
    }
    // Event reports in this document: where each starts, and its event.
    let mut reports: Vec<(usize, usize, &MergedEvent)> = Vec::new();
    for e in timeline(&s.events, None) {
        for (doc, start, end) in &e.evidence {
            if doc == id {
                reports.push((*start, *end, e));
            }
        }
    }
    let mut rendered = String::new();
    let spans: Vec<(usize, usize)> = if sentences.is_empty() {
        vec![(0, text.len())]
    } else {
        sentences.to_vec()
    };
    let mut at = 0;
    for &(start, end) in &spans {
        if start < at
            || end > text.len()
            || !text.is_char_boundary(start)
            || !text.is_char_boundary(end)
        {
            continue;
        }
        rendered.push_str(&esc(&text[at..start]));
        let events: Vec<&(usize, usize, &MergedEvent)> = reports
            .iter()
            .filter(|(s0, e0, _)| *s0 < end && *e0 > start)
            .collect();
        let class = if events.is_empty() {
            "sentence"
        } else {
            "sentence event"
        };
        let _ = write!(rendered, "<span class=\"{class}\" id=\"s-{start}\">");
        // Anchors for reports that do not start where the sentence does.
        for (s0, _, _) in &events {
            if *s0 != start && (start..end).contains(s0) {
                let _ = write!(rendered, "<span class=\"anchor\" id=\"s-{s0}\"></span>");
            }
        }
        rendered.push_str(&highlighted(text, start, end, &marks));
        for (_, _, e) in &events {
            let _ = write!(
                rendered,
                " <sup class=\"type {}\" title=\"{}\">{}</sup>",
                tone(score(&e.kind)),
                esc(&format!(
                    "{} → {} ({})",
                    e.sources
                        .iter()
                        .map(|a| s.name(a))
                        .collect::<Vec<_>>()
                        .join(", "),
                    e.targets
                        .iter()
                        .map(|a| s.name(a))
                        .collect::<Vec<_>>()
                        .join(", "),
                    e.date
                        .as_deref()
                        .map_or_else(|| "undated".into(), readable_date)
                )),
                esc(&e.kind)
            );
        }
        rendered.push_str("</span>");
        at = end;
    }
    rendered.push_str(&esc(text.get(at..).unwrap_or_default()));

    let title = title_of(d);
    let mut body = format!("<article><h1>{}</h1><dl class=\"metadata\">", esc(title));
    let mut field = |name: &str, value: Option<String>| {
        if let Some(v) = value {
            let _ = write!(body, "<dt>{name}</dt><dd>{v}</dd>");
        }
    };
    field("outlet", d.outlet.as_deref().map(esc));
    field("author", d.author.as_deref().map(esc));
    field("published", d.published.as_deref().map(esc));
    field(
        "date read from the text",
        d.published_inferred
            .as_deref()
            .filter(|_| d.published.is_none())
            .map(esc),
    );
    field("genre", d.genre.as_deref().map(esc));
    field("language", d.language.as_deref().map(esc));
    // A URL is shown, never linked: a `javascript:` URL must not be one click away.
    field("url", d.url.as_deref().map(esc));
    field("origin", Some(esc(&d.origin)));
    field(
        "story",
        s.story_of(id).map(|st| link(&story_path(&st.id), &st.name)),
    );
    field(
        "id",
        Some(format!("<code>{}</code> (version {})", esc(id), d.version)),
    );
    body.push_str("</dl>");
    body.push_str("<p class=\"legend\"><span class=\"actor\">actor</span> · <span class=\"quote\">quotation</span> · <span class=\"time\">time</span> · <span class=\"sentence event\">event sentence</span></p>");
    let _ = write!(body, "<div class=\"text\">{rendered}</div>");
    if d.spun {
        body.push_str("<section><h2>Machine-rewritten text</h2><p>This text reads as a “spun” rewrite: unusual words stand where the usual phrase would.</p><ul>");
        for (start, end, usual) in &d.spun_examples {
            let _ = write!(
                body,
                "<li><a href=\"#s-{start}\">{}</a> for “{}”</li>",
                esc(text.get(*start..*end).unwrap_or_default()),
                esc(usual)
            );
        }
        body.push_str("</ul></section>");
    }
    let reuse: Vec<_> = s.reuse_of(id).collect();
    if !reuse.is_empty() {
        body.push_str("<section><h2>Shared passages</h2>");
        for r in reuse {
            let (other, mine_first) = if r.a == id {
                (&r.b, true)
            } else {
                (&r.a, false)
            };
            let Some(o) = s.document(other) else { continue };
            let _ = write!(
                body,
                "<h3>{} with {} <span class=\"meta\">similarity {:.2}</span></h3><table class=\"passages\"><thead><tr><th>this article</th><th>{}</th></tr></thead><tbody>",
                esc(&r.kind),
                link(&document_path(other), title_of(o)),
                r.similarity,
                esc(title_of(o))
            );
            for (pa, pb) in r.passages.iter().take(10) {
                let (mine, theirs) = if mine_first { (pa, pb) } else { (pb, pa) };
                let _ = write!(
                    body,
                    "<tr><td>{}</td><td>{}</td></tr>",
                    esc(text.get(mine.0..mine.1).unwrap_or_default()),
                    esc(o.text.get(theirs.0..theirs.1).unwrap_or_default())
                );
            }
            body.push_str("</tbody></table>");
        }
        body.push_str("</section>");
    }
    body.push_str("</article>");
    Some(page(title, &body))
}

/// The text of `start..end` with the highlights that cross it: cut at
/// every highlight's edge, each piece wrapped in the highlights covering
/// it (outermost first), so tags always nest and no piece is lost.
fn highlighted(
    text: &str,
    start: usize,
    end: usize,
    marks: &[(usize, usize, Mark, String, String)],
) -> String {
    let inside: Vec<_> = marks
        .iter()
        .filter(|m| m.0 < end && m.1 > start && m.0 < m.1)
        .collect();
    let mut cuts: Vec<usize> = vec![start, end];
    for m in &inside {
        cuts.extend([m.0.max(start), m.1.min(end)]);
    }
    cuts.retain(|&c| text.is_char_boundary(c));
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = String::new();
    for pair in cuts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let mut covering: Vec<_> = inside.iter().filter(|m| m.0 <= a && m.1 >= b).collect();
        covering.sort_by_key(|m| m.2);
        covering.dedup_by_key(|m| m.2);
        let mut close = String::new();
        for m in &covering {
            match m.2 {
                Mark::Quote => {
                    let _ = write!(out, "<span class=\"quote\" title=\"{}\">", esc(&m.3));
                    close.insert_str(0, "</span>");
                }
                Mark::Time => {
                    let _ = write!(out, "<span class=\"time\" title=\"{}\">", esc(&m.3));
                    close.insert_str(0, "</span>");
                }
                Mark::Actor => {
                    let _ = write!(
                        out,
                        "<a class=\"actor\" href=\"{}\" title=\"{}\">",
                        esc(&m.4),
                        esc(&m.3)
                    );
                    close.insert_str(0, "</a>");
                }
            }
        }
        out.push_str(&esc(&text[a..b]));
        out.push_str(&close);
    }
    out
}

pub fn actor(s: &Snapshot, id: &str) -> Option<String> {
    let a = s.actor(id)?;
    let mut body = format!(
        "<h1>{}</h1><p class=\"lead\">{}{} · named {} in {}</p>",
        esc(&a.name),
        esc(&a.kind),
        a.country
            .as_deref()
            .map(|c| format!(" · {}", esc(c)))
            .unwrap_or_default(),
        count(a.mentions, "time", "times"),
        count(a.documents, "document", "documents"),
    );
    let mut field = |name: &str, values: &[String]| {
        if !values.is_empty() {
            let _ = write!(
                body,
                "<p><strong>{name}:</strong> {}</p>",
                esc(&values.join(", "))
            );
        }
    };
    field("Also called", &a.aliases);
    field("Roles", &a.roles);
    if let Some(aff) = &a.affiliation {
        let _ = write!(
            body,
            "<p><strong>Affiliation:</strong> {}</p>",
            link(&actor_path(aff), s.name(aff))
        );
    }
    let _ = write!(body, "<p class=\"meta\">id <code>{}</code></p>", esc(id));
    let months = s.actor_months(id);
    if !months.is_empty() {
        let most = months.iter().map(|m| m.1).max().unwrap_or(1).max(1);
        let bar = 28;
        let mut svg = format!(
            "<svg class=\"months\" width=\"{width}\" height=\"140\" viewBox=\"0 0 {width} 140\" role=\"img\" aria-label=\"Mentions per month\">",
            width = months.len() * bar + 10
        );
        for (i, (month, n)) in months.iter().enumerate() {
            let height = 100 * n / most;
            let x = 5 + i * bar;
            let _ = write!(
                svg,
                "<rect x=\"{x}\" y=\"{}\" width=\"{}\" height=\"{height}\"><title>{}: {n}</title></rect><text x=\"{}\" y=\"135\" text-anchor=\"middle\">{}</text>",
                110 - height,
                bar - 6,
                esc(month),
                x + (bar - 6) / 2,
                esc(month.get(2..).unwrap_or(month))
            );
        }
        let _ = write!(
            body,
            "<section><h2>Mentions over time</h2>{svg}</svg></section>"
        );
    }
    let shown = timeline(&s.events, Some(id));
    for (heading, as_source) in [("Does", true), ("Is done to", false)] {
        let events: Vec<_> = shown
            .iter()
            .filter(|e| {
                if as_source {
                    e.sources.iter().any(|x| x == id)
                } else {
                    e.targets.iter().any(|x| x == id)
                }
            })
            .collect();
        if !events.is_empty() {
            let _ = write!(body, "<section><h2>{heading}</h2><ol class=\"events\">");
            for e in events.iter().take(50) {
                body.push_str(&event_item(s, e));
            }
            body.push_str("</ol></section>");
        }
    }
    let quotes: Vec<_> = s
        .quotes
        .iter()
        .filter(|q| q.speaker_actor.as_deref() == Some(id))
        .collect();
    if !quotes.is_empty() {
        body.push_str("<section><h2>Says</h2><ul class=\"quotes\">");
        for q in quotes.iter().take(50) {
            body.push_str(&quote_item(s, q));
        }
        body.push_str("</ul></section>");
    }
    let points: Vec<&StanceRow> = s.stances.iter().filter(|p| p.holder == id).collect();
    if !points.is_empty() {
        let _ = write!(
            body,
            "<section><h2>Calculus</h2>{}</section>",
            calculus(&points)
        );
    }
    Some(page(&a.name, &body))
}

/// The search page: the form with its filters as given, then the
/// results (each sentence between its neighbours, linked to the article at
/// that sentence), then links to the other pages of results.
pub fn search(s: &Snapshot, q: &SearchQuery, results: Option<&SearchResults>) -> String {
    let input = |name: &str, label: &str, value: &Option<String>, placeholder: &str| {
        format!(
            "<label>{label} <input name=\"{name}\" value=\"{}\" placeholder=\"{placeholder}\"></label>",
            esc(value.as_deref().unwrap_or_default())
        )
    };
    let mut types = String::from("<option value=\"\">any</option>");
    for t in EVENT_TYPES {
        let selected = if q.event_type.as_deref() == Some(t) {
            " selected"
        } else {
            ""
        };
        let _ = write!(types, "<option{selected}>{t}</option>");
    }
    let mut body = format!(
        "<h1>Search sentences</h1><form class=\"filters\" action=\"/search\" method=\"get\">\
         <label class=\"wide\">Words <input type=\"search\" name=\"q\" value=\"{}\" required></label>\
         {}<label>Event type <select name=\"type\">{types}</select></label>{}{}{}{}\
         <button type=\"submit\">Search</button></form>",
        esc(&q.text),
        input("actor", "Actor id", &q.actor, "e.g. KAZ"),
        input("from", "From", &q.from, "2025-03"),
        input("to", "To", &q.to, "2025-12-31"),
        input("story", "Story id", &q.story, ""),
        input("outlet", "Outlet", &q.outlet, ""),
    );
    let Some(r) = results else {
        return page("Search", &body);
    };
    if r.total == 0 {
        body.push_str("<p class=\"lead\">No sentence matches.</p>");
        return page("Search", &body);
    }
    let naming = q
        .actor
        .as_deref()
        .map(|a| format!(" naming {}", link(&actor_path(a), s.name(a))))
        .unwrap_or_default();
    let within = q
        .story
        .as_deref()
        .and_then(|id| s.story(id))
        .map(|st| format!(" in {}", link(&story_path(&st.id), &st.name)))
        .unwrap_or_default();
    let _ = write!(
        body,
        "<p class=\"lead\">{}–{} of {}{naming}{within}</p><ol class=\"hits\">",
        q.offset + 1,
        q.offset + r.hits.len(),
        count(r.total, "sentence", "sentences")
    );
    for h in &r.hits {
        let _ = write!(
            body,
            "<li><p class=\"context\">{} <a class=\"hit\" href=\"{}\">{}</a> {}</p><p class=\"meta\">{} · {} · {}</p></li>",
            esc(&h.before),
            esc(&at_sentence(&h.document, h.start)),
            esc(&h.sentence),
            esc(&h.after),
            esc(h.title.as_deref().unwrap_or(&h.document)),
            esc(h.outlet.as_deref().unwrap_or("outlet unknown")),
            esc(h.date.as_deref().unwrap_or("undated")),
        );
    }
    body.push_str("</ol>");
    let page_link = |offset: usize, label: &str| {
        let mut url = format!("/search?q={}&offset={offset}", url_part(&q.text));
        for (name, value) in [
            ("actor", &q.actor),
            ("type", &q.event_type),
            ("from", &q.from),
            ("to", &q.to),
            ("story", &q.story),
            ("outlet", &q.outlet),
        ] {
            if let Some(v) = value {
                let _ = write!(url, "&{name}={}", url_part(v));
            }
        }
        link(&url, label)
    };
    body.push_str("<nav class=\"pages\">");
    if q.offset > 0 {
        body.push_str(&page_link(q.offset.saturating_sub(q.limit), "← previous"));
    }
    if q.offset + r.hits.len() < r.total {
        body.push(' ');
        body.push_str(&page_link(q.offset + q.limit, "next →"));
    }
    body.push_str("</nav>");
    page("Search", &body)
}

/// A page saying what went wrong (`title`, `message`) and where to go on.
pub fn problem(title: &str, message: &str) -> String {
    page(
        title,
        &format!(
            "<h1>{}</h1><p>{}</p><p><a href=\"/\">The overview</a> lists the stories, actors and events; the search finds sentences.</p>",
            esc(title),
            esc(message)
        ),
    )
}
