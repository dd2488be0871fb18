//! `dossier serve`: a local web UI and JSON API over a store.
//!
//! One process: axum on a tokio runtime, pages rendered on the server from
//! a [`snapshot::Snapshot`] of the store (read again whenever `analyze` has
//! committed since), search through the store's full-text index, assets
//! compiled into the binary. The store is SQLite or PostgreSQL alike
//! ([`Reader`]).
//!
//! **Safe by default.** The store is opened read-only (SQLite's
//! `query_only`, WAL readers never block `analyze`; a read-only
//! PostgreSQL session); only the routes below answer, so no file
//! but the embedded assets can be read; every value is escaped
//! ([`html`]); every response carries a Content-Security-Policy that allows
//! no script and no inline style; only GET is routed (no request body is
//! read); each request gets [`REQUEST_TIME`] at most.

mod api;
mod html;
mod pages;
mod snapshot;

use std::net::SocketAddr;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use axum::extract::{Path as UrlPath, Query, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use dossier_store::{PgStore, SearchQuery, SearchResults, Storage, Store, StoreError};
use serde::Deserialize;

pub use api::API_ROUTES;
use snapshot::Snapshot;

/// The longest a request may take before it is answered 503.
pub const REQUEST_TIME: Duration = Duration::from_secs(10);

/// No script, no inline style, nothing from elsewhere: what an article
/// smuggles into a page cannot run, and the pages need nothing more.
const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'self'; img-src 'self'; \
     script-src 'none'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const STYLE: &str = include_str!("../assets/style.css");

/// One read-only connection to either store: the few reads the server
/// makes of it. (An enum, not `dyn Storage`: the trait's transaction
/// methods are generic, so it cannot be a trait object.)
pub enum Reader {
    Sqlite(Store),
    Postgres(PgStore),
}

impl Reader {
    /// Opens an existing store read-only: the PostgreSQL store at
    /// `postgres` when given, else the SQLite file `db`.
    fn open(db: &Path, postgres: Option<&str>) -> Result<Reader, StoreError> {
        Ok(match postgres {
            Some(url) => Reader::Postgres(PgStore::open_existing(url)?),
            None => Reader::Sqlite(Store::open_existing(db)?),
        })
    }

    /// Changes whenever a writer commits (SQLite's `data_version`,
    /// PostgreSQL's count of write transactions).
    fn data_version(&self) -> Result<i64, StoreError> {
        match self {
            Reader::Sqlite(s) => s.data_version(),
            Reader::Postgres(s) => s.data_version(),
        }
    }

    /// Every table the pages read, in one read transaction, with the
    /// version it was read at.
    fn load(&self) -> Result<Snapshot, StoreError> {
        fn load(store: &impl Storage) -> Result<Snapshot, StoreError> {
            store.snapshot(|s| Snapshot::load(s, s.data_version()?))
        }
        match self {
            Reader::Sqlite(s) => load(s),
            Reader::Postgres(s) => load(s),
        }
    }

    fn sentence_spans(&self, id: &str) -> Result<Vec<(usize, usize)>, StoreError> {
        match self {
            Reader::Sqlite(s) => s.sentence_spans(id),
            Reader::Postgres(s) => s.sentence_spans(id),
        }
    }

    fn search(&self, query: &SearchQuery) -> Result<SearchResults, StoreError> {
        match self {
            Reader::Sqlite(s) => s.search(query),
            Reader::Postgres(s) => s.search(query),
        }
    }
}

/// The open store and what was last read from it.
pub struct App {
    /// Read-only connections, one per core: searches run in parallel (a
    /// connection serves one query at a time). The first also watches for
    /// commits and reloads the snapshot.
    stores: Vec<Mutex<Reader>>,
    next: AtomicUsize,
    snapshot: RwLock<Arc<Snapshot>>,
}

impl App {
    /// Opens an existing store read-only (PostgreSQL when `postgres` is
    /// given, else the SQLite file `db`) and reads it once.
    pub fn open(db: &Path, postgres: Option<&str>) -> Result<App, StoreError> {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        let stores = (0..cores.max(2))
            .map(|_| Reader::open(db, postgres).map(Mutex::new))
            .collect::<Result<Vec<_>, _>>()?;
        let snapshot = stores[0].lock().unwrap_or_else(|e| e.into_inner()).load()?;
        Ok(App {
            stores,
            next: AtomicUsize::new(0),
            snapshot: RwLock::new(Arc::new(snapshot)),
        })
    }

    /// The snapshot, read again first if a writer has committed since it
    /// was taken.
    fn snapshot(&self) -> Result<Arc<Snapshot>, StoreError> {
        let store = self.stores[0].lock().unwrap_or_else(|e| e.into_inner());
        let version = store.data_version()?;
        {
            let current = self.snapshot.read().unwrap_or_else(|e| e.into_inner());
            if current.version == version {
                return Ok(current.clone());
            }
        }
        let fresh = Arc::new(store.load()?);
        *self.snapshot.write().unwrap_or_else(|e| e.into_inner()) = fresh.clone();
        Ok(fresh)
    }

    /// Runs `f` on an idle connection, else waits for one in turn.
    fn with_store<T>(
        &self,
        f: impl FnOnce(&Reader) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        for store in &self.stores {
            if let Ok(store) = store.try_lock() {
                return f(&store);
            }
        }
        let turn = self.next.fetch_add(1, Ordering::Relaxed) % self.stores.len();
        f(&self.stores[turn].lock().unwrap_or_else(|e| e.into_inner()))
    }
}

/// Why a request could not be answered; pages show it as HTML, the API as
/// `{"error": …}`.
#[derive(Debug)]
pub(crate) enum Failure {
    NotFound(String),
    BadRequest(String),
    Store(StoreError),
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        Failure::Store(e)
    }
}

impl Failure {
    fn status_and_message(&self) -> (StatusCode, String) {
        match self {
            Failure::NotFound(m) => (StatusCode::NOT_FOUND, m.clone()),
            Failure::BadRequest(m) => (StatusCode::BAD_REQUEST, m.clone()),
            Failure::Store(e) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("the store could not be read: {e}"),
            ),
        }
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        let (status, message) = self.status_and_message();
        let title = match self {
            Failure::NotFound(_) => "Not found",
            Failure::BadRequest(_) => "Bad request",
            Failure::Store(_) => "The store could not be read",
        };
        (status, Html(pages::problem(title, &message))).into_response()
    }
}

/// Runs blocking store work off the async workers.
async fn blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    tokio::task::spawn_blocking(f)
        .await
        .expect("a request handler panicked")
}

type Shared = State<Arc<App>>;

async fn overview(State(app): Shared) -> Result<Html<String>, Failure> {
    blocking(move || Ok(Html(pages::overview(&*app.snapshot()?)))).await
}

async fn story(State(app): Shared, UrlPath(id): UrlPath<String>) -> Result<Html<String>, Failure> {
    blocking(move || {
        pages::story(&*app.snapshot()?, &id)
            .map(Html)
            .ok_or_else(|| Failure::NotFound(format!("No story {id:?} in the store.")))
    })
    .await
}

async fn document(
    State(app): Shared,
    UrlPath(id): UrlPath<String>,
) -> Result<Html<String>, Failure> {
    blocking(move || {
        let snapshot = app.snapshot()?;
        let sentences = app.with_store(|s| s.sentence_spans(&id))?;
        pages::document(&snapshot, &id, &sentences)
            .map(Html)
            .ok_or_else(|| Failure::NotFound(format!("No document {id:?} in the store.")))
    })
    .await
}

async fn actor(State(app): Shared, UrlPath(id): UrlPath<String>) -> Result<Html<String>, Failure> {
    blocking(move || {
        pages::actor(&*app.snapshot()?, &id)
            .map(Html)
            .ok_or_else(|| Failure::NotFound(format!("No actor {id:?} in the store.")))
    })
    .await
}

/// The search form's and the API's parameters; empty fields (as a form
/// sends them) are no filter.
#[derive(Deserialize, Default)]
pub(crate) struct SearchParams {
    q: Option<String>,
    actor: Option<String>,
    #[serde(rename = "type")]
    event_type: Option<String>,
    from: Option<String>,
    to: Option<String>,
    story: Option<String>,
    outlet: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

/// Most results a page (or an API list) holds.
pub(crate) const MAX_LIMIT: usize = 500;

impl SearchParams {
    fn query(self, default_limit: usize) -> Result<SearchQuery, Failure> {
        let given = |v: Option<String>| v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        let limit = self.limit.unwrap_or(default_limit);
        if limit == 0 || limit > MAX_LIMIT {
            return Err(Failure::BadRequest(format!(
                "limit must be between 1 and {MAX_LIMIT}, not {limit}"
            )));
        }
        Ok(SearchQuery {
            text: self.q.unwrap_or_default(),
            actor: given(self.actor),
            event_type: given(self.event_type).map(|t| t.to_uppercase()),
            from: given(self.from),
            to: given(self.to),
            story: given(self.story),
            outlet: given(self.outlet),
            limit,
            offset: self.offset.unwrap_or(0),
        })
    }
}

async fn search(
    State(app): Shared,
    Query(params): Query<SearchParams>,
) -> Result<Html<String>, Failure> {
    blocking(move || {
        let query = params.query(20)?;
        let snapshot = app.snapshot()?;
        let results = if query.text.trim().is_empty() {
            None
        } else {
            Some(app.with_store(|s| s.search(&query))?)
        };
        Ok(Html(pages::search(&snapshot, &query, results.as_ref())))
    })
    .await
}

async fn style() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], STYLE)
}

async fn unknown_path() -> Failure {
    Failure::NotFound("Nothing at this address.".into())
}

/// Security headers on every response, and the time bound.
async fn guard(request: Request, next: Next) -> Response {
    let mut response = match tokio::time::timeout(REQUEST_TIME, next.run(request)).await {
        Ok(response) => response,
        Err(_) => (
            StatusCode::SERVICE_UNAVAILABLE,
            "the request took too long: narrow it (fewer results, a more specific search)",
        )
            .into_response(),
    };
    let headers = response.headers_mut();
    for (name, value) in [
        (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_FRAME_OPTIONS, "DENY"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

/// Every page, asset and API route.
pub fn router(app: Arc<App>) -> Router {
    let mut router = Router::new()
        .route("/", get(overview))
        .route("/story/{id}", get(story))
        .route("/document/{id}", get(document))
        .route("/actor/{id}", get(actor))
        .route("/search", get(search))
        .route("/assets/style.css", get(style));
    for path in API_ROUTES {
        router = router.route(path, api::route(path));
    }
    router
        .fallback(unknown_path)
        .layer(axum::middleware::from_fn(guard))
        .with_state(app)
}

/// Why the server could not start.
#[derive(Debug)]
pub enum ServeError {
    Store(StoreError),
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    Io(std::io::Error),
}

impl std::fmt::Display for ServeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ServeError::Store(e) => e.fmt(f),
            ServeError::Bind { addr, source } => write!(
                f,
                "cannot listen on {addr}: {source} (another program may use that port: choose another with --addr 127.0.0.1:PORT)"
            ),
            ServeError::Io(e) => write!(f, "the server stopped: {e}"),
        }
    }
}

impl std::error::Error for ServeError {}

/// Opens the store (PostgreSQL when `postgres` is given, else the SQLite
/// file `db`), listens on `addr` and serves until Ctrl-C.
/// `listening` is told the address actually bound (port 0 picks one).
pub fn run(
    db: &Path,
    postgres: Option<&str>,
    addr: SocketAddr,
    listening: impl FnOnce(SocketAddr),
) -> Result<(), ServeError> {
    let app = Arc::new(App::open(db, postgres).map_err(ServeError::Store)?);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(ServeError::Io)?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|source| ServeError::Bind { addr, source })?;
        listening(listener.local_addr().map_err(ServeError::Io)?);
        axum::serve(listener, router(app))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(ServeError::Io)
    })
}
