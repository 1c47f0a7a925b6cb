//! `demarche serve` over HTTP: the API against the commands' `--json`, errors as 400 with the command
//! line's message, the headers, escaping of hostile corpus text and queries, a build while serving, and
//! many clients at once. The browser tests (`browser.rs`) use the server started here.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use crate::util::Env;

/// Statements of four countries over five years, a press conference with a question and its answer,
/// and one whose text would run a script if a page pasted it as markup.
pub fn corpus() -> Env {
    let env = Env::new();
    env.write(
        "records.jsonl",
        r#"{"id":"r1","title":"Address to the General Assembly","speaker":"Ana Lima","country":"Brazil","date":"2018-09-25","kind":"speech","text":"Trade and Taiwan matter to every partner in the region.\n\nRain fell on the river as the delegates met."}
{"id":"r2","title":"Regular Briefing","speaker":"Li Wen","country":"China","date":"2019-11-20","kind":"press conference","text":"Taiwan is part of China and Taiwan will stay so.\n\nWe build a community with a shared future for mankind."}
{"id":"r3","title":"Call with the Lao Prime Minister","speaker":"Li Wen","country":"China","date":"2021-02-01","kind":"readout","text":"A shared future for Taiwan and the mainland is the goal.\n\nThe Belt and Road will bring Laos and China closer."}
{"id":"r4","title":"Remarks on the Indo-Pacific","speaker":"John Park","country":"United States","date":"2021-06-30","kind":"speech","text":"We build a shared future together with our allies.\n\nThe United States supports peace across the Taiwan Strait."}
{"id":"r5","title":"Statement on the Mekong","speaker":"Somsak Vong","country":"Laos","date":"2022-03-14","kind":"statement","text":"Laos welcomes the Belt and Road railway and a shared future on the Mekong."}
{"id":"r6","title":"Taiwan policy review","speaker":"John Park","country":"United States","date":"2022-08-02","kind":"speech","text":"Our policy on Taiwan has not changed, and peace in the Strait is our aim."}
{"id":"x1","title":"Hostile <b>markup</b>","speaker":"Mallory Hack","country":"Brazil","date":"2020-05-05","kind":"statement","url":"javascript:document.title='pwned-link'","text":"A link that is no link, pwned."}
"#,
    );
    env.write(
        "hostile.txt",
        "A Statement Quoting Markup\n\nOn May 6, 2020, Foreign Minister of Brazil Ana Lima said that pwned \
         <script>document.title='pwned'</script> and <img src=x onerror=\"document.title='pwned'\"> are text.\n",
    );
    env.write(
        "presser.html",
        "<html><head><title>Foreign Ministry Spokesperson Li Wen's Regular Press Conference on March 3, 2020</title>\
         <link rel=\"canonical\" href=\"https://example.cn/presser.html\"></head>\
         <body><div class=\"content\"><h1>Foreign Ministry Spokesperson Li Wen's Regular Press Conference on March 3, 2020</h1>\
         <p>Reuters: Will China comment on the Mekong dams and Taiwan?</p>\
         <p>Li Wen: The Mekong cooperation mechanism serves every country on the river.</p>\
         <p>AFP: Is there news on Xinjiang visits?</p>\
         <p>Li Wen: We welcome visits by friends.</p></div></body></html>",
    );
    env.index().code(0);
    env
}

/// A running `demarche serve` on a free port of 127.0.0.1, stopped when dropped.
pub struct Server {
    child: Child,
    /// Where it listens.
    pub addr: SocketAddr,
}

impl Server {
    /// Starts the server on `env`'s index and waits until it listens.
    pub fn start(env: &Env) -> Server {
        let mut child = env
            .command(&["serve", "--bind", "127.0.0.1:0"])
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("starting demarche serve");
        let stderr = child.stderr.take().expect("piped stderr");
        let mut lines = BufReader::new(stderr).lines();
        let line = lines
            .next()
            .and_then(|l| l.ok())
            .unwrap_or_else(|| panic!("demarche serve said nothing: {:?}", child.try_wait()));
        // "demarche: serving index at http://127.0.0.1:PORT/ (Ctrl-C to stop)"
        let addr = line
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .and_then(|a| a.parse().ok())
            .unwrap_or_else(|| panic!("no address in {line:?}"));
        // Keep draining stderr, so that the server never blocks writing to it.
        std::thread::spawn(move || for _ in lines {});
        Server { child, addr }
    }

    /// The URL of `path` on this server.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// `GET path`, whole.
    pub fn get(&self, path: &str) -> Response {
        get(self.addr, path)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP response.
pub struct Response {
    pub status: u16,
    /// Header names in lower case.
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// `GET path` over a fresh connection, read to its end (the server sends a length, and closes).
pub fn get(addr: SocketAddr, path: &str) -> Response {
    let mut stream = TcpStream::connect(addr).expect("connecting to the server");
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("reading the response");
    let raw = String::from_utf8(raw).expect("a UTF-8 response");
    let (head, body) = raw.split_once("\r\n\r\n").expect("headers and a body");
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .expect("a status line");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let chunked = headers
        .iter()
        .any(|(n, v)| n == "transfer-encoding" && v.contains("chunked"));
    let body = if chunked {
        dechunk(body)
    } else {
        body.to_string()
    };
    Response {
        status,
        headers,
        body,
    }
}

fn dechunk(mut body: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = body.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 {
            break;
        }
        out.push_str(&rest[..n]);
        body = &rest[n + 2..];
    }
    out
}

/// Percent-encodes a query value.
fn enc(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[test]
fn the_api_answers_what_the_commands_print_with_json() {
    let env = corpus();
    let server = Server::start(&env);
    let cases: [(&str, &[&str], &str); 10] = [
        ("search", &["Taiwan"], "q=Taiwan"),
        (
            "search",
            &[
                "shared future",
                "--country",
                "China",
                "--sort",
                "date",
                "--limit",
                "3",
            ],
            "q=shared+future&country=China&sort=date&limit=3",
        ),
        (
            "search",
            &["Taiwan", "--role", "question"],
            "q=Taiwan&role=question",
        ),
        (
            "count",
            &["Taiwan", "--by", "country"],
            "q=Taiwan&by=country",
        ),
        (
            "count",
            &["", "--by", "year", "--kind", "speech", "--top", "2"],
            "q=&by=year&kind=speech&top=2",
        ),
        ("trend", &["Taiwan"], "q=Taiwan"),
        (
            "trend",
            &[
                "\"shared future\"",
                "--split",
                "country",
                "--top",
                "2",
                "--from",
                "2019",
            ],
            "q=%22shared+future%22&split=country&top=2&from=2019",
        ),
        (
            "kwic",
            &["Taiwan", "--width", "20", "--sort", "left"],
            "q=Taiwan&width=20&sort=left",
        ),
        ("first", &["\"shared future\""], "q=%22shared%20future%22"),
        (
            "first",
            &["Taiwan", "--by", "speaker", "--to", "2021"],
            "q=Taiwan&by=speaker&to=2021",
        ),
    ];
    for (command, args, query) in cases {
        let mut cli = vec![command];
        cli.extend_from_slice(args);
        cli.push("--json");
        let run = env.run(&cli).code(0);
        let api = server.get(&format!("/api/{command}?{query}"));
        assert_eq!(api.status, 200, "{command}?{query}: {}", api.body);
        assert_eq!(api.header("content-type"), Some("application/x-ndjson"));
        assert!(!run.stdout.is_empty(), "{run}");
        assert_eq!(
            api.body, run.stdout,
            "/api/{command}?{query} differs from{run}"
        );
    }
}

#[test]
fn a_bad_query_or_value_is_the_command_lines_message_and_400_never_500() {
    let env = corpus();
    let server = Server::start(&env);
    let cases: [(&[&str], &str); 6] = [
        (&["search", "belt or road"], "/api/search?q=belt+or+road"),
        (&["search", "(((a"], "/api/search?q=(((a"),
        (
            &["count", "x", "--by", "year", "--country", "Atlantis"],
            "/api/count?q=x&by=year&country=Atlantis",
        ),
        (
            &["trend", "x", "--from", "2022", "--to", "2021"],
            "/api/trend?q=x&from=2022&to=2021",
        ),
        (
            &["kwic", "x", "--role", "chorus"],
            "/api/kwic?q=x&role=chorus",
        ),
        (
            &["first", "country:Atlantis"],
            "/api/first?q=country%3AAtlantis",
        ),
    ];
    for (cli, path) in cases {
        let run = env.run(cli).code(2);
        let message = run
            .stderr
            .trim()
            .strip_prefix("demarche: ")
            .expect("a message");
        let api = server.get(path);
        assert_eq!(api.status, 400, "{path}: {}", api.body);
        let json: serde_json::Value = serde_json::from_str(&api.body).expect("a JSON error");
        assert_eq!(json["error"], message, "{path}");
    }
    // A query longer than the command line takes.
    let long = "word ".repeat(1000);
    let api = server.get(&format!("/api/search?q={}", enc(&long)));
    assert_eq!(api.status, 400);
    assert!(api.body.contains("longer than 4096 bytes"), "{}", api.body);
    // The page says it too, escaped, with 400.
    let page = server.get("/?q=belt+or+%3Cb%3Eroad");
    assert_eq!(page.status, 400);
    assert!(page.body.contains("role=\"alert\""), "{}", page.body);
    assert!(page.body.contains("&lt;b&gt;road"), "{}", page.body);
    for path in [
        "/?page=0",
        "/?page=x",
        "/?view=kwic&width=0",
        "/trend.svg?split=weekday",
        "/?top=0",
    ] {
        assert_eq!(server.get(path).status, 400, "{path}");
    }
    assert_eq!(server.get("/p/no-such-paragraph%231").status, 404);
    assert_eq!(server.get("/nowhere").status, 404);
}

#[test]
fn every_response_carries_the_content_security_policy() {
    let env = corpus();
    let server = Server::start(&env);
    for path in [
        "/",
        "/?q=Taiwan",
        "/style.css",
        "/trend.svg?q=Taiwan",
        "/api/search?q=Taiwan",
        "/api/search?q=a+or+b",
        "/nowhere",
    ] {
        let r = server.get(path);
        let csp = r.header("content-security-policy").unwrap_or_default();
        assert!(
            csp.contains("default-src 'none'") && !csp.contains("script-src"),
            "{path}: {csp}"
        );
        assert_eq!(
            r.header("x-content-type-options"),
            Some("nosniff"),
            "{path}"
        );
    }
    let svg = server.get("/trend.svg?q=Taiwan&split=country");
    assert_eq!(svg.status, 200);
    assert!(
        svg.body.starts_with("<svg") && svg.body.contains("CHN"),
        "{}",
        &svg.body[..200.min(svg.body.len())]
    );
}

#[test]
fn hostile_corpus_text_and_queries_are_shown_as_text() {
    let env = corpus();
    let server = Server::start(&env);
    let page = server.get("/?q=pwned");
    assert_eq!(page.status, 200);
    // The only markup is the page's own: no script element, no image but the chart, no link to the
    // javascript: URL.
    assert!(!page.body.contains("<script"), "{}", page.body);
    assert!(!page.body.contains("<img src=x"), "{}", page.body);
    assert!(!page.body.contains("javascript:"), "{}", page.body);
    assert!(
        page.body.contains("&lt;script&gt;document.title="),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("Hostile &lt;b&gt;markup&lt;/b&gt;"),
        "{}",
        page.body
    );
    let evil = "\"><img src=x onerror=alert(1)>";
    let page = server.get(&format!("/?q={}&speaker={}", enc(evil), enc(evil)));
    assert!(!page.body.contains("<img src=x"), "{}", page.body);
    // A permalink shows the paragraph in its statement, escaped too.
    let para = server.get(HOSTILE);
    assert_eq!(para.status, 200, "{}", para.body);
    assert!(!para.body.contains("<script") && para.body.contains("&lt;img src=x onerror="));
}

/// The permalink of the paragraph holding a script.
pub const HOSTILE: &str = "/p/hostile.txt%231";

#[test]
fn an_answer_is_shown_with_its_question_and_neighbours() {
    let env = corpus();
    let server = Server::start(&env);
    let hits = server.get("/api/search?q=welcome+visits");
    let hit: serde_json::Value = serde_json::from_str(hits.body.lines().next().unwrap()).unwrap();
    assert_eq!(hit["role"], "answer");
    let id = hit["id"].as_str().unwrap().replace('#', "%23");
    let page = server.get(&format!("/p/{id}"));
    assert_eq!(page.status, 200);
    assert!(page.body.contains("id=\"here\""), "{}", page.body);
    let question = &page.body[page
        .body
        .find("id=\"question\"")
        .expect("the question marked")..];
    assert!(question.starts_with("id=\"question\"><div class=\"meta\">"));
    assert!(question.contains("Is there news on Xinjiang visits?"));
    assert!(
        page.body.contains("The Mekong cooperation mechanism"),
        "the paragraphs before"
    );
    assert!(page
        .body
        .contains("href=\"https://example.cn/presser.html\""));
}

/// The number of matching paragraphs a results page shows, and the sum of its role facet: each
/// paragraph has one role, so they are equal on a page that read one commit.
fn page_totals(html: &str) -> (u64, u64) {
    let number = |s: &str| -> u64 {
        s.chars()
            .take_while(char::is_ascii_digit)
            .collect::<String>()
            .parse()
            .unwrap()
    };
    let at = html.find("id=\"count\">").expect("a count") + "id=\"count\">".len();
    let total = number(&html[at..]);
    let roles = html.find("id=\"facet-role\"").map_or(0, |start| {
        let section = &html[start..start + html[start..].find("</section>").unwrap()];
        section
            .split("<span class=\"n\">")
            .skip(1)
            .map(number)
            .sum()
    });
    (total, roles)
}

#[test]
fn a_build_while_serving_is_served_without_a_restart_and_never_mixed() {
    let env = corpus();
    let server = Server::start(&env);
    let before = page_totals(&server.get("/").body);
    assert_eq!(before.0, before.1);
    assert_eq!(server.get("/api/search?q=zanzibar").body, "");
    // Another folder, added by another process while the server runs.
    let more = env.root().join("more");
    std::fs::create_dir(&more).unwrap();
    let mut lines = String::new();
    for i in 0..40 {
        lines.push_str(&format!(
            "{{\"id\":\"m{i}\",\"title\":\"Note {i}\",\"speaker\":\"Ada Zed\",\"country\":\"Kenya\",\"date\":\"2023-01-{:02}\",\"text\":\"Zanzibar talks, round {i}.\\n\\nA second paragraph.\"}}\n",
            i % 28 + 1
        ));
    }
    std::fs::write(more.join("notes.jsonl"), lines).unwrap();
    let mut build = env
        .command(&["index", "more", "--add"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let mut seen = Vec::new();
    loop {
        let totals = page_totals(&server.get("/").body);
        assert_eq!(totals.0, totals.1, "a page mixed two commits");
        seen.push(totals.0);
        if build.try_wait().unwrap().is_some() && totals.0 > before.0 {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the new commit was never served: {seen:?}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(build.wait().unwrap().success());
    assert_eq!(*seen.last().unwrap(), before.0 + 80);
    assert!(
        seen.iter().all(|&n| n == before.0 || n == before.0 + 80),
        "{seen:?}"
    );
    let found = server.get("/api/search?q=zanzibar&limit=100");
    assert_eq!(found.body.lines().count(), 40);
}

#[test]
fn many_clients_at_once_are_all_answered() {
    let env = corpus();
    let server = Server::start(&env);
    let paths = [
        "/?q=Taiwan",
        "/api/search?q=%22shared+future%22",
        "/api/count?q=Taiwan&by=country",
        "/api/trend?q=Taiwan&split=country",
        "/?q=Taiwan&view=kwic",
        "/?q=%22shared+future%22&view=first",
        "/trend.svg?q=Taiwan&split=country",
        // A chart of nothing: a search whose filters keep no paragraph.
        "/trend.svg?q=Taiwan&speaker=nobody",
        HOSTILE,
    ];
    let load = super::load::drive(server.addr, &paths, 32, Duration::from_secs(3));
    eprintln!("{load}");
    assert_eq!(load.errors, 0, "{load}");
    assert!(load.requests > 32, "{load}");
}
