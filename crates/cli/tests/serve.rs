//! `dossier serve` and `dossier search` end to end, on a store of the
//! sample corpus plus one hostile article: the JSON API against
//! `docs/openapi.json`, escaping and headers, and (when Chromium, node and
//! playwright-core are installed) a real browser clicking through.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{dossier, Server};
use serde_json::Value;

/// The hostile article's id: markup in its title, outlet and text, a
/// `javascript:` link, event handlers.
const HOSTILE: &str = "hostile-<b>1</b>";

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A store of the sample corpus and the hostile article, in `dir`.
fn store(dir: &Path) -> PathBuf {
    let hostile = dir.join("hostile.jsonl");
    let record = serde_json::json!({
        "id": HOSTILE,
        "title": "<script>window.pwned=true</script><img src=x onerror=\"window.pwned=true\"> Kazakhstan pwned",
        "outlet": "<i onclick=\"window.pwned=true\">Evil Outlet</i>",
        "url": "javascript:window.pwned=true",
        "published": "2025-03-20",
        "text": "Kazakhstan and Uzbekistan signed a pwned water accord in Astana on 13 March <script>window.pwned=true</script>.\n\n\
                 Read more at <a href=\"javascript:window.pwned=true\">javascript:window.pwned=true</a> or <img src=x onerror=\"window.pwned=true\">.\n\n\
                 \"We will not be pwned,\" said Kazakhstan's foreign minister <iframe src=\"javascript:window.pwned=true\"></iframe>."
    });
    std::fs::write(&hostile, format!("{record}\n")).unwrap();
    let db = dir.join("serve.db");
    let out = dossier(&db)
        .arg("analyze")
        .arg(repo().join("examples/corpus"))
        .arg(&hostile)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    db
}

/// Checks `value` against an OpenAPI 3.1 schema: `$ref`, `type` (one or a
/// list), `properties`, `required`, `additionalProperties: false`,
/// `items`, `minimum` — what `docs/openapi.json` uses.
fn conforms(spec: &Value, schema: &Value, value: &Value, at: &str) -> Result<(), String> {
    if let Some(reference) = schema["$ref"].as_str() {
        let name = reference.trim_start_matches("#/components/schemas/");
        return conforms(spec, &spec["components"]["schemas"][name], value, at);
    }
    let types: Vec<&str> = match &schema["type"] {
        Value::String(t) => vec![t],
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
        _ => vec![],
    };
    let type_of = |v: &Value| match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    };
    let found = type_of(value);
    let fits = types.is_empty()
        || types.contains(&found)
        || (found == "integer" && types.contains(&"number"));
    if !fits {
        return Err(format!("{at}: a {found}, declared {types:?}"));
    }
    if let (Some(min), Some(n)) = (schema["minimum"].as_f64(), value.as_f64()) {
        if n < min {
            return Err(format!("{at}: {n} below {min}"));
        }
    }
    if let Value::Object(object) = value {
        let properties = schema["properties"].as_object();
        for name in schema["required"].as_array().into_iter().flatten() {
            let name = name.as_str().unwrap();
            if !object.contains_key(name) {
                return Err(format!("{at}: no {name}"));
            }
        }
        for (name, v) in object {
            match properties.and_then(|p| p.get(name)) {
                Some(s) => conforms(spec, s, v, &format!("{at}.{name}"))?,
                None if schema["additionalProperties"] == Value::Bool(false) => {
                    return Err(format!("{at}: {name} is not declared"))
                }
                None => {}
            }
        }
    }
    if let (Value::Array(items), Some(item)) = (value, schema.get("items")) {
        for (i, v) in items.iter().enumerate() {
            conforms(spec, item, v, &format!("{at}[{i}]"))?;
        }
    }
    Ok(())
}

#[test]
fn the_api_answers_as_its_openapi_file_declares() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(&store(dir.path()));
    let spec: Value =
        serde_json::from_str(&std::fs::read_to_string(repo().join("docs/openapi.json")).unwrap())
            .unwrap();
    let check = |path: &str, template: &str, status: u16| -> Value {
        let answer = server.json(path, status);
        let schema = &spec["paths"][template]["get"]["responses"][status.to_string()]["content"]
            ["application/json"]["schema"];
        assert!(!schema.is_null(), "{template} declares no {status} answer");
        conforms(&spec, schema, &answer, path).unwrap();
        answer
    };
    let stories = check("/api/v1/stories", "/api/v1/stories", 200);
    let documents = check("/api/v1/documents?limit=500", "/api/v1/documents", 200);
    let actors = check("/api/v1/actors", "/api/v1/actors", 200);
    let events = check("/api/v1/events", "/api/v1/events", 200);
    check("/api/v1/quotes", "/api/v1/quotes", 200);
    // The same ids as the export contract.
    let export = common::run_json(&dir.path().join("serve.db"), ["export", "--format", "json"]);
    let ids = |v: &Value, key: &str| -> Vec<String> {
        let mut ids: Vec<String> = v
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x[key].as_str().unwrap().to_string())
            .collect();
        ids.sort();
        ids
    };
    assert_eq!(
        ids(&documents["items"], "id"),
        ids(&export["documents"], "id")
    );
    assert_eq!(ids(&stories["items"], "id"), ids(&export["stories"], "id"));
    assert_eq!(
        events["total"].as_u64().unwrap() as usize,
        export["events"].as_array().unwrap().len()
    );
    assert_eq!(actors["items"][0], {
        let first = &actors["items"][0]["id"];
        export["actors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == *first)
            .unwrap()
            .clone()
    });

    let story = stories["items"][0]["id"].as_str().unwrap();
    let detail = check(
        &format!("/api/v1/stories/{story}"),
        "/api/v1/stories/{id}",
        200,
    );
    assert!(!detail["events"].as_array().unwrap().is_empty());
    let document = documents["items"][0]["id"].as_str().unwrap();
    let detail = check(
        &format!("/api/v1/documents/{document}"),
        "/api/v1/documents/{id}",
        200,
    );
    assert!(!detail["sentences"].as_array().unwrap().is_empty());
    check("/api/v1/actors/KAZ", "/api/v1/actors/{id}", 200);
    let calculus = check("/api/v1/calculus/KGZ", "/api/v1/calculus/{actor}", 200);
    assert!(calculus["total"].as_u64().unwrap() > 0);
    let hits = check(
        "/api/v1/search?q=water+accord&limit=3",
        "/api/v1/search",
        200,
    );
    assert_eq!(hits["items"].as_array().unwrap().len(), 3);
    let total = hits["total"].as_u64().unwrap();
    let second = check(
        "/api/v1/search?q=water+accord&limit=3&offset=3",
        "/api/v1/search",
        200,
    );
    assert_eq!(second["total"].as_u64().unwrap(), total);
    assert_ne!(
        second["items"][0], hits["items"][0],
        "the second page repeats the first"
    );
    let agree = check(
        "/api/v1/search?q=accord&type=AGREE&actor=KAZ",
        "/api/v1/search",
        200,
    );
    assert!(
        agree["total"].as_u64().unwrap()
            <= check("/api/v1/search?q=accord", "/api/v1/search", 200)["total"]
                .as_u64()
                .unwrap()
    );

    // Failures say what is wrong, in the declared shape.
    check("/api/v1/stories/no-such-story", "/api/v1/stories/{id}", 404);
    check(
        "/api/v1/documents/no-such-document",
        "/api/v1/documents/{id}",
        404,
    );
    check("/api/v1/actors/NOPE", "/api/v1/actors/{id}", 404);
    check("/api/v1/calculus/NOPE", "/api/v1/calculus/{actor}", 404);
    check("/api/v1/stories?limit=0", "/api/v1/stories", 400);
    check("/api/v1/search?q=%20--", "/api/v1/search", 400);
}

#[test]
fn pages_escape_the_articles_and_serve_nothing_but_their_routes() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(&store(dir.path()));
    let id = HOSTILE
        .replace('<', "%3C")
        .replace('>', "%3E")
        .replace('/', "%2F");
    let (status, head, body) = server.get(&format!("/document/{id}"));
    assert_eq!(status, 200, "{body}");
    assert!(
        head.contains("content-security-policy: default-src 'none'"),
        "{head}"
    );
    assert!(
        body.contains("&lt;script&gt;window.pwned=true"),
        "the title is not shown escaped"
    );
    assert!(
        body.contains("&lt;i onclick="),
        "the outlet is not shown escaped"
    );
    for path in [
        "/",
        &format!("/document/{id}"),
        "/search?q=pwned",
        "/search?q=javascript",
        "/actor/KAZ",
    ] {
        let (status, _, body) = server.get(path);
        assert_eq!(status, 200, "{path}");
        let lower = body.to_lowercase();
        // Markup from the article would start with `<` and quote its
        // attributes with `"`: both are escaped, so no tag or handler is live.
        for live in [
            "<script",
            "<iframe",
            "<img",
            "<i ",
            "onerror=\"",
            "onclick=\"",
            "href=\"javascript:",
        ] {
            assert!(!lower.contains(live), "{path} holds {live}");
        }
    }
    // Paths are routes, never files.
    for path in [
        "/assets/../Cargo.toml",
        "/assets/%2e%2e/%2e%2e/Cargo.toml",
        "/etc/passwd",
        "/assets/style.css/..",
    ] {
        let (status, _, body) = server.get(path);
        assert_ne!(status, 200, "{path}: {body}");
        assert!(
            !body.contains("[workspace]") && !body.contains("root:"),
            "{path}"
        );
    }
    let (status, head, _) = server.get("/assets/style.css");
    assert_eq!(status, 200);
    assert!(head.contains("content-type: text/css"), "{head}");
    // Only GET.
    let host = server.base.trim_start_matches("http://");
    let mut stream = TcpStream::connect(host).unwrap();
    write!(stream, "POST /search HTTP/1.1\r\nHost: {host}\r\nContent-Length: 3\r\nConnection: close\r\n\r\nq=x").unwrap();
    let mut raw = String::new();
    stream.read_to_string(&mut raw).unwrap();
    assert!(raw.starts_with("HTTP/1.1 405"), "{raw}");
}

#[test]
fn search_on_the_command_line_finds_sentences_with_filters() {
    let dir = tempfile::tempdir().unwrap();
    let db = store(dir.path());
    let all = common::run_json(&db, ["search", "water accord", "--json", "--limit", "500"]);
    let total = all["total"].as_u64().unwrap();
    assert!(total > 3, "{all}");
    for hit in all["items"].as_array().unwrap() {
        let sentence = hit["sentence"].as_str().unwrap().to_lowercase();
        assert!(
            sentence.contains("water") && sentence.contains("accord"),
            "{sentence}"
        );
    }
    // By name or id, the same actor.
    let by_id = common::run_json(&db, ["search", "accord", "--actor", "KAZ", "--json"]);
    let by_name = common::run_json(&db, ["search", "accord", "--actor", "Kazakhstan", "--json"]);
    assert_eq!(by_id, by_name);
    let outlet = common::run_json(
        &db,
        [
            "search",
            "pwned",
            "--outlet",
            "<i onclick=\"window.pwned=true\">Evil Outlet</i>",
            "--json",
        ],
    );
    assert!(outlet["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|h| h["document"] == HOSTILE));
    assert!(outlet["total"].as_u64().unwrap() >= 2);
    // Text output names the document and span; a query without words is a usage error.
    let out = dossier(&db).args(["search", "Toktogul"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("of ") && text.contains("> "), "{text}");
    let out = dossier(&db)
        .args(["search", "--", "-- *"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no word"));
    let out = dossier(&db)
        .args(["search", "accord", "--actor", "Atlantis"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// Whether the browser test can run here, or why not.
fn browser_missing() -> Option<String> {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !Path::new(&chromium).exists() {
        return Some(format!("no Chromium at {chromium}"));
    }
    if Command::new("node").arg("--version").output().is_err() {
        return Some("no node".into());
    }
    let module = repo().join("crates/cli/tests/browser/node_modules/playwright-core");
    if !module.exists() {
        return Some(format!("no {}", module.display()));
    }
    None
}

#[test]
fn a_browser_follows_a_story_to_an_article_and_no_hostile_script_runs() {
    if let Some(why) = browser_missing() {
        let required = std::env::var("DOSSIER_REQUIRE_BROWSER").is_ok_and(|v| v == "1");
        assert!(!required, "{why}: run .ci/setup-browser.sh");
        eprintln!("browser test skipped: {why} (run .ci/setup-browser.sh to install)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(&store(dir.path()));
    let shots = repo().join("target/screenshots");
    let out = Command::new("node")
        .arg(repo().join("crates/cli/tests/browser/drive.mjs"))
        .arg(&server.base)
        .arg(&shots)
        .arg(HOSTILE)
        .output()
        .unwrap();
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{log}");
    assert!(log.contains("the event's sentence is highlighted"), "{log}");
    assert!(shots.join("article.png").exists());
}

/// The server reads while `analyze` writes, and shows what it committed.
#[test]
fn what_analyze_adds_while_serving_is_served() {
    let dir = tempfile::tempdir().unwrap();
    let db = store(dir.path());
    let server = Server::start(&db);
    let before = server.json("/api/v1/documents", 200)["total"]
        .as_u64()
        .unwrap();
    let more = dir.path().join("more.txt");
    std::fs::write(
        &more,
        "Aral basin states meet again\n\nThe four states met in Dushanbe on Tuesday to review the Toktogul releases.\n",
    )
    .unwrap();
    let out = dossier(&db).arg("analyze").arg(&more).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        server.json("/api/v1/documents", 200)["total"]
            .as_u64()
            .unwrap(),
        before + 1
    );
    let hits = server.json("/api/v1/search?q=Dushanbe+Toktogul+releases", 200);
    assert_eq!(hits["total"], 1, "{hits}");
}
