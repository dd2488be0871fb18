//! `dossier`: the command line. A thin layer: it parses arguments, wires the
//! pipeline crates together and reports; the work happens in the crates.

mod analyze;
mod eval;
mod link;
mod watch;
mod worker;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use dossier_outputs::network::{self, ActorNetwork};
use dossier_outputs::{brief, export};
use dossier_store::{PgStore, Storage, Store};

/// Turns a pile of news articles into a sourced, queryable model of the story.
#[derive(Parser)]
#[command(name = "dossier", version, about, long_about = None)]
struct Cli {
    /// The store to use: an SQLite file (created by `analyze` if missing),
    /// or a PostgreSQL URL, postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE
    /// (`analyze` and `worker` create the tables).
    #[arg(long, global = true, env = "DOSSIER_DB", default_value = "dossier.db")]
    db: PathBuf,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read articles (files, folders, URLs, or - for stdin), clean and analyse them, and store them.
    ///
    /// Formats are recognised by content: plain text (with an optional
    /// front-matter block), HTML, JSON Lines (one article per line with a
    /// "text" or "html" field), RSS/Atom/RDF/JSON feeds (one document per
    /// item), sitemaps and lists of URLs (the pages they list), WARC
    /// archives (one document per HTML response), each optionally
    /// gzip-compressed. Content already stored is skipped; a changed file
    /// becomes a new version.
    ///
    /// URLs and lists of URLs are fetched politely (robots.txt, one request
    /// at a time per host, conditional requests), and so are the pages of
    /// a feed or sitemap fetched; the pages that feed and sitemap files
    /// point at are fetched with --fetch.
    Analyze {
        /// Files or folders (walked recursively), http(s) URLs; - reads standard input.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Print the summary as JSON.
        #[arg(long)]
        json: bool,
        /// Articles committed per transaction.
        #[arg(long, default_value_t = 256, value_parser = clap::value_parser!(u32).range(1..))]
        batch_size: u32,
        /// Also fetch the pages that feeds and sitemaps read from files
        /// point at (URLs given, and lists of URLs, are always fetched, and
        /// so are the pages of a feed or sitemap given as a URL).
        #[arg(long)]
        fetch: bool,
        #[command(flatten)]
        fetching: FetchArgs,
    },
    /// Keep a store current: read feeds, URL lists, URLs or folders again every few minutes and add what is new.
    ///
    /// Each poll reads every source, fetches with conditional requests (so
    /// an unchanged page costs a "304 Not Modified"), stores and links only
    /// new or changed documents, and prints one line. What was fetched is
    /// remembered in the store, so a restarted watch goes on where it left
    /// off. The pages that feeds and sitemaps point at are always fetched.
    /// Ctrl-C stops after the batch being committed (a second Ctrl-C at
    /// once).
    Watch {
        /// Feeds, sitemaps, lists of URLs (files or URLs), pages, or folders.
        #[arg(required = true)]
        sources: Vec<PathBuf>,
        /// Time between the starts of two polls: 30s, 10m, 1h.
        #[arg(long, default_value = "10m", value_parser = parse_duration)]
        every: std::time::Duration,
        /// Poll once and stop (same as --polls 1).
        #[arg(long, conflicts_with = "polls")]
        once: bool,
        /// Stop after this many polls (default: until Ctrl-C).
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
        polls: Option<u32>,
        /// Articles committed per transaction.
        #[arg(long, default_value_t = 256, value_parser = clap::value_parser!(u32).range(1..))]
        batch_size: u32,
        #[command(flatten)]
        fetching: FetchArgs,
    },
    /// Put articles (files, folders, http(s) URLs, or - for stdin) on the durable work queue for `dossier worker`.
    ///
    /// The queue is a table in a PostgreSQL database: --queue, else
    /// DOSSIER_QUEUE, else the --db URL. Files are read here and their
    /// documents queued; URLs (given, or in a list of URLs) are queued as
    /// pages, which a worker fetches politely (robots.txt, one request at a
    /// time per host, conditional requests), following the pages a fetched
    /// feed or sitemap lists, as `analyze` does. A document or page already
    /// waiting is not queued twice.
    /// Example: dossier --db postgres://host/dossier enqueue archive/ https://example.org/feed.xml
    Enqueue {
        /// Files or folders (walked recursively), http(s) URLs; - reads standard input.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Also queue the pages that feeds and sitemaps read from files
        /// point at (URLs given, and lists of URLs, are always queued).
        #[arg(long)]
        fetch: bool,
        /// The queue's PostgreSQL URL (default: the --db URL).
        #[arg(long, env = "DOSSIER_QUEUE")]
        queue: Option<String>,
        /// Print the summary as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Take articles from the work queue and analyse them into the store, as `analyze` does.
    ///
    /// Run one per machine (or several): each takes batches, stores and
    /// links them, and acknowledges them; a worker killed mid-batch gives
    /// the batch back to the queue. Runs until stopped, or with
    /// --until-empty until the queue is empty. Example:
    /// dossier --db postgres://host/dossier worker --until-empty
    Worker {
        /// The queue's PostgreSQL URL (default: the --db URL).
        #[arg(long, env = "DOSSIER_QUEUE")]
        queue: Option<String>,
        /// Articles taken from the queue and committed per transaction.
        #[arg(long, default_value_t = 64, value_parser = clap::value_parser!(u32).range(1..))]
        batch_size: u32,
        /// Stop when the queue holds nothing (batches other workers hold
        /// included), after regrouping the store.
        #[arg(long)]
        until_empty: bool,
        /// Print the summary as JSON.
        #[arg(long)]
        json: bool,
        /// How queued pages are fetched.
        #[command(flatten)]
        fetching: FetchArgs,
    },
    /// Read and clean articles without storing them; one result per article on stdout.
    Extract {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// jsonl: one JSON object per article; text: title and clean text;
        /// blocks: every block with the cleaner's label (why it was kept or dropped);
        /// events: the events each article reports (type, actors, date, mood, evidence).
        #[arg(long, value_enum, default_value_t = ExtractFormat::Jsonl)]
        format: ExtractFormat,
    },
    /// Export the store's tables (the contract in docs/DESIGN.md), or its
    /// actor network for graph tools.
    Export {
        /// json: one object with every table, on stdout; jsonl, csv, parquet:
        /// one file per table in a folder; gexf (Gephi), graphml: the actor
        /// network (actors; edges per source, target and event type with
        /// count, cooperation–conflict score and dates), on stdout or to a file.
        #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
        format: ExportFormat,
        /// jsonl, csv, parquet: the folder to write one file per table into
        /// (default ./export; with json, writes one file per table there
        /// instead of printing one object). gexf, graphml: the file to write
        /// instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
        /// CSV: write text cells that start with = + - @, a tab or a carriage
        /// return as they are. By default they get a leading ' (OWASP's rule),
        /// so a spreadsheet shows a formula quoted in an article instead of
        /// running it; use this when a program, not a spreadsheet, reads the CSV.
        #[arg(long)]
        keep_formulas: bool,
    },
    /// Print a readable briefing of what the store holds.
    Brief {
        #[arg(long, value_enum, default_value_t = BriefFormat::Md)]
        format: BriefFormat,
        /// Write to this file instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// List the actors in the store: who they are, how often and in how many documents they are named.
    Actors {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Show at most this many (0: all).
        #[arg(long, default_value_t = 50)]
        limit: usize,
    },
    /// List quotations with their speakers.
    Quotes {
        /// Only quotes whose speaker's name or actor id contains this text (case-insensitive).
        #[arg(long)]
        speaker: Option<String>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Events by date: who did what to whom, merged across articles.
    Timeline {
        /// Only events involving this actor (id, e.g. CHN or person:xi-jinping).
        #[arg(long)]
        actor: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// What the articles say an actor stands to gain or lose (and wants or
    /// opposes), grouped by point and ranked by independent sources.
    ///
    /// Each point shows its clearest statement and the documents behind
    /// it ("a = b" when one retells the other: one source). Each side
    /// lists every point more than one source makes (at most ten), and
    /// single-source points only to fill five; the rest are counted.
    Calculus {
        /// Actor id (e.g. CHN) or name.
        actor: String,
        /// Only points whose topic contains this text (case-insensitive).
        #[arg(long)]
        topic: Option<String>,
        /// List every point, not only the best-sourced of each side.
        #[arg(long)]
        all: bool,
        /// Print every point as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Find sentences by their words (all of them, any order; case and
    /// accents aside), best matches first, each with the sentences around it
    /// and its document and byte span.
    ///
    /// Example: dossier search "water accord" --actor KAZ --type AGREE
    Search {
        /// The words to look for.
        query: String,
        /// Only sentences that name this actor (id or name, as `dossier actors` lists).
        #[arg(long)]
        actor: Option<String>,
        /// Only sentences that report an event of this PLOVER type (e.g. AGREE, ACCUSE).
        #[arg(long = "type")]
        event_type: Option<String>,
        /// Only documents dated on or after this ISO date or prefix (2025, 2025-03, 2025-03-13).
        #[arg(long)]
        from: Option<String>,
        /// Only documents dated on or before this ISO date or prefix.
        #[arg(long)]
        to: Option<String>,
        /// Only documents of this story (id, as `dossier export` lists).
        #[arg(long)]
        story: Option<String>,
        /// Only documents of this outlet (case-insensitive).
        #[arg(long)]
        outlet: Option<String>,
        /// Show at most this many sentences.
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// Skip this many first (to page through many results).
        #[arg(long, default_value_t = 0)]
        offset: usize,
        /// Print JSON (the same objects as the web API's /api/v1/search).
        #[arg(long)]
        json: bool,
    },
    /// Serve a web UI and a JSON API (/api/v1/…) over the store, until Ctrl-C.
    ///
    /// Pages: the overview (stories, events, actors), each story (timeline,
    /// who acts on whom, calculus, quotes, documents), article, actor, and
    /// sentence search. The store is only read, so it may be served while
    /// `dossier analyze` (or workers) add to it; pages show the new data
    /// once committed. SQLite or PostgreSQL alike.
    ///
    /// Example: dossier serve --db dossier.db --addr 127.0.0.1:8080
    /// (or: dossier --db postgres://host/dossier serve)
    Serve {
        /// Address and port to listen on. The default answers this machine
        /// only; another address lets other machines read the store.
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
    },
    /// Month-by-month cooperation–conflict series between two actors (ids).
    Dyad { a: String, b: String },
    /// Score an extractor against labelled data and print precision, recall and F1.
    #[command(subcommand)]
    Eval(eval::EvalCommand),
}

#[derive(Clone, Copy, ValueEnum)]
enum ExtractFormat {
    Jsonl,
    Text,
    Blocks,
    Events,
}

#[derive(Clone, Copy, ValueEnum)]
enum ExportFormat {
    Json,
    Jsonl,
    Csv,
    Parquet,
    Gexf,
    Graphml,
}

#[derive(Clone, Copy, ValueEnum)]
enum BriefFormat {
    Md,
    Html,
}

/// mimalloc: the analysis makes many small, short-lived allocations, and
/// glibc's malloc spent ~12% of its instructions on them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// How pages are fetched (`analyze`, `watch`).
#[derive(clap::Args)]
struct FetchArgs {
    /// The least time between two requests to one host (robots.txt's
    /// Crawl-delay can ask for more): 1s, 500ms, 0s.
    #[arg(long, default_value = "1s", value_parser = parse_duration)]
    host_delay: std::time::Duration,
    /// Give up on a request after this long (retried twice on timeouts and
    /// server errors, waiting 1s then 2s).
    #[arg(long, default_value = "30s", value_parser = parse_duration)]
    timeout: std::time::Duration,
}

impl FetchArgs {
    /// How to fetch; `follow_files`: whether the links of feeds and
    /// sitemaps read from files are fetched too.
    fn fetching(&self, follow_files: bool) -> analyze::Fetching {
        analyze::Fetching {
            config: dossier_fetch::Config {
                host_delay: self.host_delay,
                timeout: self.timeout,
                ..dossier_fetch::Config::default()
            },
            follow_files,
        }
    }
}

/// `250ms`, `30s`, `10m`, `1h` (a bare number is seconds).
fn parse_duration(text: &str) -> Result<std::time::Duration, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: f64 = number
        .parse()
        .map_err(|_| format!("{text:?} is not a duration: write 500ms, 30s, 10m or 1h"))?;
    let seconds = match unit.trim() {
        "ms" => number / 1000.0,
        "" | "s" => number,
        "m" | "min" => number * 60.0,
        "h" => number * 3600.0,
        other => return Err(format!("unknown unit {other:?}: use ms, s, m or h")),
    };
    Ok(std::time::Duration::from_secs_f64(seconds))
}

/// Evaluates `$body` with `$store` bound to the store `--db` names, opened
/// for reading (never created or upgraded): PostgreSQL for a
/// `postgres://` URL, else the SQLite file. The renderers are generic over
/// [`Storage`], so each command is written once for both.
macro_rules! reading {
    ($db:expr, $postgres:expr, |$store:ident| $body:expr) => {
        match $postgres {
            Some(url) => {
                let $store = PgStore::open_existing(url)?;
                $body
            }
            None => {
                let $store = Store::open_existing(&$db)?;
                $body
            }
        }
    };
}

/// `--json` as the outputs' listing format.
fn listing(json: bool) -> dossier_outputs::Listing {
    if json {
        dossier_outputs::Listing::Json
    } else {
        dossier_outputs::Listing::Text
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("dossier: error: {err:#}");
            ExitCode::from(
                err.downcast_ref::<dossier_sources::MissingPath>()
                    .map_or(1, |_| 2),
            )
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let postgres = cli
        .db
        .to_str()
        .filter(|db| dossier_store::is_postgres_url(db));
    match cli.command {
        Command::Analyze {
            paths,
            json,
            batch_size,
            fetch,
            fetching,
        } => {
            let (batch_size, fetching) = (batch_size as usize, fetching.fetching(fetch));
            match postgres {
                Some(url) => {
                    analyze::run(|| PgStore::open(url), &paths, json, batch_size, fetching)
                }
                None => analyze::run(|| Store::open(&cli.db), &paths, json, batch_size, fetching),
            }
        }
        Command::Watch {
            sources,
            every,
            once,
            polls,
            batch_size,
            fetching,
        } => {
            let schedule = watch::Schedule {
                every,
                polls: if once { Some(1) } else { polls },
            };
            let (batch_size, fetching) = (batch_size as usize, fetching.fetching(true));
            match postgres {
                Some(url) => watch::run(
                    || PgStore::open(url),
                    &sources,
                    schedule,
                    batch_size,
                    fetching,
                ),
                None => watch::run(
                    || Store::open(&cli.db),
                    &sources,
                    schedule,
                    batch_size,
                    fetching,
                ),
            }
        }
        Command::Enqueue {
            paths,
            fetch,
            queue,
            json,
        } => worker::enqueue(&queue_url(queue, postgres)?, &paths, fetch, json),
        Command::Worker {
            queue,
            batch_size,
            until_empty,
            json,
            fetching,
        } => {
            let queue = queue_url(queue, postgres)?;
            let (batch_size, fetching) = (batch_size as usize, fetching.fetching(true).config);
            match postgres {
                Some(url) => worker::work(
                    || PgStore::open(url),
                    &queue,
                    batch_size,
                    fetching,
                    until_empty,
                    json,
                ),
                None => worker::work(
                    || Store::open(&cli.db),
                    &queue,
                    batch_size,
                    fetching,
                    until_empty,
                    json,
                ),
            }
        }
        Command::Extract { paths, format } => extract(&paths, format),
        Command::Export {
            format,
            out,
            keep_formulas,
        } => {
            let format = match format {
                ExportFormat::Json => export::Format::Json,
                ExportFormat::Jsonl => export::Format::Jsonl,
                ExportFormat::Csv => export::Format::Csv,
                ExportFormat::Parquet => {
                    #[cfg(not(feature = "parquet"))]
                    anyhow::bail!(
                        "this dossier was built without Parquet export (cargo feature `parquet`, \
                         on by default): rebuild it with `cargo build --release`"
                    );
                    #[cfg(feature = "parquet")]
                    export::Format::Parquet
                }
                ExportFormat::Gexf | ExportFormat::Graphml => {
                    let network =
                        reading!(cli.db, postgres, |store| ActorNetwork::from_store(&store)?);
                    let write = if matches!(format, ExportFormat::Gexf) {
                        network::write_gexf
                    } else {
                        network::write_graphml
                    };
                    let mut bytes = Vec::new();
                    write(&network, &mut bytes)?;
                    write_output(out.as_deref(), &bytes)?;
                    return Ok(ExitCode::SUCCESS);
                }
            };
            reading!(cli.db, postgres, |store| write_export(
                &store,
                format,
                out,
                keep_formulas
            ))
        }
        Command::Brief { format, out } => {
            let format = match format {
                BriefFormat::Md => brief::Format::Markdown,
                BriefFormat::Html => brief::Format::Html,
            };
            let text = reading!(cli.db, postgres, |store| brief::render(&store, format)?);
            write_output(out.as_deref(), text.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Actors { json, limit } => {
            let out = reading!(cli.db, postgres, |store| {
                dossier_outputs::actors::render(&store, limit, listing(json))?
            });
            write_stdout(out.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Quotes { speaker, json } => {
            let out = reading!(cli.db, postgres, |store| {
                dossier_outputs::quotes::render(&store, speaker.as_deref(), listing(json))?
            });
            write_stdout(out.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Timeline { actor, json } => {
            let out = reading!(cli.db, postgres, |store| {
                dossier_outputs::timeline::render(&store, actor.as_deref(), listing(json))?
            });
            write_stdout(out.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Calculus {
            actor,
            topic,
            all,
            json,
        } => {
            let out = reading!(cli.db, postgres, |store| {
                let names = dossier_outputs::actor_names(&store)?;
                let Some(actor) = known_actor(&names, &actor) else {
                    return Ok(ExitCode::from(2));
                };
                let options = dossier_outputs::calculus::Options {
                    actor: &actor,
                    topic: topic.as_deref(),
                    all,
                };
                dossier_outputs::calculus::render(&store, &options, listing(json))?
            });
            write_stdout(out.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Dyad { a, b } => {
            let out = reading!(cli.db, postgres, |store| {
                let names = dossier_outputs::actor_names(&store)?;
                let (Some(a), Some(b)) = (known_actor(&names, &a), known_actor(&names, &b)) else {
                    return Ok(ExitCode::from(2));
                };
                dossier_outputs::timeline::render_dyad(&store, &a, &b)?
            });
            write_stdout(out.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Search {
            query,
            actor,
            event_type,
            from,
            to,
            story,
            outlet,
            limit,
            offset,
            json,
        } => {
            if dossier_store::match_expression(&query).is_none() {
                eprintln!("dossier: the query {query:?} has no word to look for: give at least one word, e.g. dossier search \"water accord\"");
                return Ok(ExitCode::from(2));
            }
            let out = reading!(cli.db, postgres, |store| {
                let actor = match actor {
                    Some(given) => {
                        match known_actor(&dossier_outputs::actor_names(&store)?, &given) {
                            Some(id) => Some(id),
                            None => return Ok(ExitCode::from(2)),
                        }
                    }
                    None => None,
                };
                let query = dossier_store::SearchQuery {
                    text: query,
                    actor,
                    event_type: event_type.map(|t| t.to_uppercase()),
                    from,
                    to,
                    story,
                    outlet,
                    limit,
                    offset,
                };
                dossier_outputs::search::render(&store, &query, listing(json))?
            });
            write_stdout(out.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve { addr } => {
            if !addr.ip().is_loopback() {
                eprintln!(
                    "dossier: warning: listening on {addr}, which other machines can reach: \
                     anyone who can connect reads the whole store (use --addr 127.0.0.1:PORT to keep it local)"
                );
            }
            let location = match postgres {
                Some(url) => dossier_store::without_password(url),
                None => cli.db.display().to_string(),
            };
            dossier_serve::run(&cli.db, postgres, addr, |bound| {
                // On stdout, so that a script (or a test) can read the port.
                println!("dossier: serving {location} on http://{bound}/ (Ctrl-C stops)");
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval(command) => eval::run(command, &cli.db),
    }
}

/// The id of the actor the user named: an id of the store ("CHN",
/// "person:xi-jinping") or, case aside, one actor's name ("China"). An
/// unknown actor is a usage error, said on stderr (the caller exits 2):
/// an empty series would read as "no events".
fn known_actor(names: &std::collections::HashMap<String, String>, given: &str) -> Option<String> {
    if names.contains_key(given) {
        return Some(given.to_string());
    }
    let by_name: Vec<&String> = names
        .iter()
        .filter(|(_, name)| name.eq_ignore_ascii_case(given))
        .map(|(id, _)| id)
        .collect();
    if let [id] = by_name[..] {
        return Some(id.clone());
    }
    eprintln!(
        "dossier: no actor {given:?} in the store: give an id or a name that `dossier actors` lists \
         (e.g. CHN, person:xi-jinping)"
    );
    None
}

/// The work queue's URL: `--queue`, else the store's when it is on
/// PostgreSQL.
fn queue_url(queue: Option<String>, store: Option<&str>) -> anyhow::Result<String> {
    queue
        .or_else(|| store.map(str::to_string))
        .filter(|url| dossier_store::is_postgres_url(url))
        .ok_or_else(|| {
            anyhow::anyhow!(
                "the work queue is a PostgreSQL database: give --queue postgres://… (or DOSSIER_QUEUE), \
                 or --db postgres://…, whose database then holds the queue too"
            )
        })
}

/// `dossier export` from either store.
fn write_export(
    store: &impl Storage,
    format: export::Format,
    out: Option<PathBuf>,
    keep_formulas: bool,
) -> anyhow::Result<ExitCode> {
    match (format, out) {
        (export::Format::Json, None) => {
            let stdout = std::io::stdout();
            export::write_json(store, &mut stdout.lock())?;
        }
        (_, out) => {
            let dir = out.unwrap_or_else(|| PathBuf::from("export"));
            let formulas = if keep_formulas {
                export::Formulas::Keep
            } else {
                export::Formulas::Neutralise
            };
            for path in export::write_files(store, format, &dir, formulas)? {
                eprintln!("wrote {}", path.display());
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes `bytes` to the file `out` (and says so on stderr), else to stdout.
fn write_output(out: Option<&Path>, bytes: &[u8]) -> anyhow::Result<()> {
    match out {
        Some(path) => {
            std::fs::write(path, bytes)
                .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
            eprintln!("wrote {}", path.display());
            Ok(())
        }
        None => write_stdout(bytes),
    }
}

/// Writes to stdout, treating a closed pipe (`dossier … | head`) as success.
pub(crate) fn write_stdout(bytes: &[u8]) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|_| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

/// One line per event the article reports, then its sentence: what the
/// event stage read, for checking it against the text.
fn write_events(buf: &mut Vec<u8>, article: &dossier_model::Article) -> anyhow::Result<()> {
    let analysis = dossier_analyze::analyze(article);
    writeln!(buf, "=== {}", article.origin)?;
    for e in &analysis.events {
        let mood: Vec<&str> = [
            (e.negated, "negated"),
            (e.hypothetical, "hypothetical"),
            (e.future, "future"),
        ]
        .iter()
        .filter_map(|&(on, name)| on.then_some(name))
        .collect();
        writeln!(
            buf,
            "{} {} {} -> {} [{}] trigger {:?} confidence {:.2} {}",
            e.kind,
            e.mode.as_deref().unwrap_or("-"),
            e.sources.join(","),
            e.targets.join(","),
            e.date.as_deref().unwrap_or("undated"),
            e.trigger.of(&article.text),
            e.confidence,
            mood.join(",")
        )?;
        writeln!(buf, "    {}", e.span.of(&article.text).replace('\n', " "))?;
    }
    Ok(())
}

fn extract(paths: &[PathBuf], format: ExtractFormat) -> anyhow::Result<ExitCode> {
    use rayon::prelude::*;
    let inputs = dossier_sources::expand(paths)?;
    for input in &inputs {
        let read = dossier_sources::read_input(input);
        let not_fetched = dossier_sources::not_fetched(
            &read.links,
            "extract does not fetch; dossier analyze --fetch does",
        );
        for skip in read.skips.iter().chain(&not_fetched) {
            eprintln!("dossier: skipped {skip}");
        }
        let mut buf = Vec::new();
        if let ExtractFormat::Blocks = format {
            for raw in &read.docs {
                writeln!(buf, "=== {}", raw.origin)?;
                for (text, label) in dossier_extract::explain(raw) {
                    writeln!(buf, "[{label}] {text}")?;
                }
            }
            write_stdout(&buf)?;
            continue;
        }
        let articles: Vec<_> = read.docs.par_iter().map(dossier_extract::extract).collect();
        for article in &articles {
            for warning in &article.warnings {
                eprintln!("dossier: warning: {}: {warning}", article.origin);
            }
            match format {
                ExtractFormat::Jsonl => {
                    let object = serde_json::json!({
                        "origin": article.origin,
                        "title": article.title,
                        "author": article.author,
                        "published": article.published,
                        "outlet": article.outlet,
                        "language": article.language,
                        "text": article.text,
                    });
                    serde_json::to_writer(&mut buf, &object)?;
                    buf.push(b'\n');
                }
                ExtractFormat::Blocks => unreachable!("handled above"),
                ExtractFormat::Text => {
                    writeln!(buf, "=== {}", article.origin)?;
                    if let Some(title) = &article.title {
                        writeln!(buf, "# {title}\n")?;
                    }
                    writeln!(buf, "{}\n", article.text)?;
                }
                ExtractFormat::Events => write_events(&mut buf, article)?,
            }
        }
        write_stdout(&buf)?;
    }
    Ok(ExitCode::SUCCESS)
}
