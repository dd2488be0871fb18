//! The JSON API under `/api/v1/`: every page's data, with the export
//! contract's objects and ids (`dossier_outputs::export`), lists paginated
//! as `{total, limit, offset, items}`. Documented in `docs/openapi.json`,
//! which a test holds to these routes and their answers.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, MethodRouter};
use axum::Json;
use dossier_outputs::export;
use dossier_store::DocumentRow;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::snapshot::Snapshot;
use crate::{blocking, App, Failure, SearchParams, MAX_LIMIT};

/// Every API route; the router serves exactly these.
pub const API_ROUTES: &[&str] = &[
    "/api/v1/stories",
    "/api/v1/stories/{id}",
    "/api/v1/documents",
    "/api/v1/documents/{id}",
    "/api/v1/actors",
    "/api/v1/actors/{id}",
    "/api/v1/events",
    "/api/v1/quotes",
    "/api/v1/calculus/{actor}",
    "/api/v1/search",
];

/// The handler of one of [`API_ROUTES`].
pub(crate) fn route(path: &str) -> MethodRouter<Arc<App>> {
    match path {
        "/api/v1/stories" => get(stories),
        "/api/v1/stories/{id}" => get(story),
        "/api/v1/documents" => get(documents),
        "/api/v1/documents/{id}" => get(document),
        "/api/v1/actors" => get(actors),
        "/api/v1/actors/{id}" => get(actor),
        "/api/v1/events" => get(events),
        "/api/v1/quotes" => get(quotes),
        "/api/v1/calculus/{actor}" => get(calculus),
        "/api/v1/search" => get(search),
        other => unreachable!("API_ROUTES lists {other} without a handler"),
    }
}

/// An API failure: the status and `{"error": "…"}`.
struct ApiFailure(Failure);

impl From<Failure> for ApiFailure {
    fn from(f: Failure) -> Self {
        ApiFailure(f)
    }
}

impl From<dossier_store::StoreError> for ApiFailure {
    fn from(e: dossier_store::StoreError) -> Self {
        ApiFailure(Failure::Store(e))
    }
}

impl IntoResponse for ApiFailure {
    fn into_response(self) -> Response {
        let (status, message): (StatusCode, String) = self.0.status_and_message();
        (status, Json(json!({"error": message}))).into_response()
    }
}

type Answer = Result<Json<Value>, ApiFailure>;

/// `limit` (default 50, at most [`MAX_LIMIT`]) and `offset`, with the
/// filters some lists take.
#[derive(Deserialize, Default)]
struct ListParams {
    limit: Option<usize>,
    offset: Option<usize>,
    /// events: involving this actor; quotes: spoken by it.
    actor: Option<String>,
    /// events: of this PLOVER type.
    #[serde(rename = "type")]
    event_type: Option<String>,
    /// quotes: in this document.
    document: Option<String>,
}

/// One page of `rows` in the list envelope.
fn page<T>(rows: &[T], p: &ListParams, object: impl Fn(&T) -> Value) -> Answer {
    let limit = p.limit.unwrap_or(50);
    if limit == 0 || limit > MAX_LIMIT {
        return Err(Failure::BadRequest(format!(
            "limit must be between 1 and {MAX_LIMIT}, not {limit}"
        ))
        .into());
    }
    let offset = p.offset.unwrap_or(0);
    let items: Vec<Value> = rows.iter().skip(offset).take(limit).map(object).collect();
    Ok(Json(
        json!({"total": rows.len(), "limit": limit, "offset": offset, "items": items}),
    ))
}

/// Runs `f` on the current snapshot off the async workers.
async fn with_snapshot(
    app: Arc<App>,
    f: impl FnOnce(&Snapshot) -> Answer + Send + 'static,
) -> Answer {
    blocking(move || f(&*app.snapshot()?)).await
}

/// A document without its text: what lists and other records refer to.
fn document_summary(d: &DocumentRow) -> Value {
    let mut v = export::document(d);
    if let Some(o) = v.as_object_mut() {
        o.remove("text");
        o.remove("spun_evidence");
    }
    v
}

type Shared = State<Arc<App>>;

async fn stories(State(app): Shared, Query(p): Query<ListParams>) -> Answer {
    with_snapshot(app, move |s| page(&s.stories, &p, export::story)).await
}

async fn story(State(app): Shared, Path(id): Path<String>) -> Answer {
    with_snapshot(app, move |s| {
        let (st, docs) = s
            .story_documents(&id)
            .ok_or_else(|| Failure::NotFound(format!("no story {id:?}")))?;
        let documents: Vec<Value> = st
            .documents
            .iter()
            .filter_map(|d| s.document(d))
            .map(document_summary)
            .collect();
        let reuse: Vec<Value> = s
            .reuse
            .iter()
            .filter(|r| docs.contains(r.a.as_str()) || docs.contains(r.b.as_str()))
            .map(export::reuse)
            .collect();
        let quotes: Vec<Value> = s
            .quotes
            .iter()
            .filter(|q| docs.contains(q.document.as_str()))
            .map(export::quote)
            .collect();
        Ok(Json(json!({
            "story": export::story(st),
            "documents": documents,
            "events": s.events_in(&docs).map(export::event).collect::<Vec<_>>(),
            "reuse": reuse,
            "quotes": quotes,
        })))
    })
    .await
}

async fn documents(State(app): Shared, Query(p): Query<ListParams>) -> Answer {
    with_snapshot(app, move |s| page(&s.documents, &p, document_summary)).await
}

async fn document(State(app): Shared, Path(id): Path<String>) -> Answer {
    blocking(move || {
        let s = app.snapshot()?;
        let d = s
            .document(&id)
            .ok_or_else(|| Failure::NotFound(format!("no document {id:?}")))?;
        let sentences = app.with_store(|store| store.sentence_spans(&id))?;
        let one = std::collections::HashSet::from([d.id.as_str()]);
        Ok(Json(json!({
            "document": export::document(d),
            "story": s.story_of(&id).map(|st| st.id.clone()),
            "sentences": sentences.iter().map(|(a, b)| json!([a, b])).collect::<Vec<_>>(),
            "mentions": s.mentions_in(&id).iter().map(export::mention).collect::<Vec<_>>(),
            "quotes": s.quotes.iter().filter(|q| q.document == id).map(export::quote).collect::<Vec<_>>(),
            "times": s.times_in(&id).iter().map(export::time).collect::<Vec<_>>(),
            "events": s.events_in(&one).map(export::event).collect::<Vec<_>>(),
            "reuse": s.reuse_of(&id).map(export::reuse).collect::<Vec<_>>(),
        })))
    })
    .await
}

async fn actors(State(app): Shared, Query(p): Query<ListParams>) -> Answer {
    with_snapshot(app, move |s| page(&s.actors, &p, export::actor)).await
}

async fn actor(State(app): Shared, Path(id): Path<String>) -> Answer {
    with_snapshot(app, move |s| {
        let a = s
            .actor(&id)
            .ok_or_else(|| Failure::NotFound(format!("no actor {id:?}")))?;
        let involved = |ids: &[String]| ids.iter().any(|x| *x == id);
        Ok(Json(json!({
            "actor": export::actor(a),
            "months": s.actor_months(&id).iter().map(|(m, n)| json!({"month": m, "mentions": n})).collect::<Vec<_>>(),
            "events": s.events.iter().filter(|e| involved(&e.sources) || involved(&e.targets)).map(export::event).collect::<Vec<_>>(),
            "quotes": s.quotes.iter().filter(|q| q.speaker_actor.as_deref() == Some(&id)).map(export::quote).collect::<Vec<_>>(),
            "calculus": s.stances.iter().filter(|p| p.holder == id).map(export::stance).collect::<Vec<_>>(),
        })))
    })
    .await
}

async fn events(State(app): Shared, Query(p): Query<ListParams>) -> Answer {
    with_snapshot(app, move |s| {
        let rows: Vec<_> = s
            .events
            .iter()
            .filter(|e| {
                p.actor
                    .as_deref()
                    .is_none_or(|a| e.sources.iter().chain(&e.targets).any(|x| x == a))
            })
            .filter(|e| {
                p.event_type
                    .as_deref()
                    .is_none_or(|t| e.kind.eq_ignore_ascii_case(t))
            })
            .collect();
        page(&rows, &p, |e| export::event(e))
    })
    .await
}

async fn quotes(State(app): Shared, Query(p): Query<ListParams>) -> Answer {
    with_snapshot(app, move |s| {
        let rows: Vec<_> = s
            .quotes
            .iter()
            .filter(|q| p.actor.is_none() || q.speaker_actor == p.actor)
            .filter(|q| p.document.as_deref().is_none_or(|d| q.document == d))
            .collect();
        page(&rows, &p, |q| export::quote(q))
    })
    .await
}

async fn calculus(
    State(app): Shared,
    Path(actor): Path<String>,
    Query(p): Query<ListParams>,
) -> Answer {
    with_snapshot(app, move |s| {
        if s.actor(&actor).is_none() {
            return Err(Failure::NotFound(format!("no actor {actor:?}")).into());
        }
        let rows: Vec<_> = s.stances.iter().filter(|x| x.holder == actor).collect();
        page(&rows, &p, |x| export::stance(x))
    })
    .await
}

async fn search(State(app): Shared, Query(params): Query<SearchParams>) -> Answer {
    blocking(move || {
        let query = params.query(50)?;
        if dossier_store::match_expression(&query.text).is_none() {
            return Err(Failure::BadRequest(
                "q has no word to look for: give at least one word, e.g. ?q=water+accord".into(),
            )
            .into());
        }
        let results = app.with_store(|s| s.search(&query))?;
        Ok(Json(dossier_outputs::search::results(&results, &query)))
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The OpenAPI file documents exactly the routes the server answers.
    #[test]
    fn the_openapi_file_lists_every_route_and_no_other() {
        let spec: Value = serde_json::from_str(include_str!("../../../docs/openapi.json"))
            .expect("docs/openapi.json parses as JSON");
        assert!(spec["openapi"].as_str().unwrap().starts_with("3."));
        let mut documented: Vec<&str> = spec["paths"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut served = API_ROUTES.to_vec();
        documented.sort_unstable();
        served.sort_unstable();
        assert_eq!(documented, served);
        // Every reference points at a declared schema.
        let text = spec.to_string();
        for reference in text.split("\"#/components/schemas/").skip(1) {
            let name = reference.split('"').next().unwrap();
            assert!(
                spec["components"]["schemas"].get(name).is_some(),
                "{name} is referenced but not declared"
            );
        }
    }
}
