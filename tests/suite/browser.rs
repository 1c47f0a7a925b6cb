//! `demarche serve` as a person uses it: headless Chromium, driven through chromedriver (WebDriver),
//! types a query, narrows it by a facet, follows a permalink, sees the chart drawn and a script in
//! corpus text not run. Screenshots of the main views are saved under the target folder
//! (`screenshots/`).
//!
//! Without Chromium and chromedriver (Debian's `chromium` and `chromium-driver`) the test is skipped
//! with a message, except in CI (`CI` set), where the browser is required: `.ci/run` installs it.

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

use crate::serve::{corpus, Server, HOSTILE};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// chromedriver on a free port, stopped when dropped.
struct Driver {
    child: Child,
    addr: SocketAddr,
    /// Chromium's profile: a fresh one, so nothing of another run is loaded.
    _profile: tempfile::TempDir,
}

impl Driver {
    fn start() -> Driver {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let child = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("starting chromedriver");
        let addr: SocketAddr = ([127, 0, 0, 1], port).into();
        let started = Instant::now();
        while TcpStream::connect(addr).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "chromedriver did not listen"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Driver {
            child,
            addr,
            _profile: tempfile::tempdir().expect("a profile folder"),
        }
    }

    /// A headless browser session. The network is closed on the machines the tests run on: without
    /// these flags Chromium waits on connections to its own services.
    async fn session(&self) -> Client {
        let profile = self._profile.path().display().to_string();
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            json!({
                "binary": CHROMIUM,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--window-size=1280,1050",
                    format!("--user-data-dir={profile}"),
                ],
            }),
        );
        ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://{}", self.addr))
            .await
            .expect("a WebDriver session")
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// True when the browser can run here; otherwise says why, and fails in CI, where it must.
fn browser_present() -> bool {
    let missing: Vec<&str> = [CHROMIUM, CHROMEDRIVER]
        .into_iter()
        .filter(|p| !Path::new(p).exists())
        .collect();
    if missing.is_empty() {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI needs the browser tests: {missing:?} missing (apt-get install chromium chromium-driver)"
    );
    eprintln!(
        "skipped: the browser tests of demarche serve need {missing:?} (apt-get install chromium chromium-driver)"
    );
    false
}

/// Where screenshots go: `screenshots/` in the target folder.
fn screenshots() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    let dir = target.join("screenshots");
    std::fs::create_dir_all(&dir).expect("a screenshots folder");
    dir
}

async fn shoot(client: &Client, name: &str) {
    let png = client.screenshot().await.expect("a screenshot");
    let path = screenshots().join(format!("{name}.png"));
    std::fs::write(&path, png).expect("saving a screenshot");
    eprintln!("screenshot: {}", path.display());
}

async fn text(client: &Client, css: &str) -> String {
    client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no {css}: {e}"))
        .text()
        .await
        .expect("its text")
}

/// The page's URL once it holds `part`: a click returns when the browser has it, not always when the
/// next page is loaded.
async fn arrived(client: &Client, part: &str) -> url::Url {
    let started = Instant::now();
    loop {
        let url = client.current_url().await.expect("the URL");
        if url.as_str().contains(part) {
            // And the page is there: its main element is found.
            client
                .wait()
                .for_element(Locator::Css("main"))
                .await
                .expect("the page");
            return url;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{url} never held {part:?}"
        );
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

/// The number at the start of the results' count ("12 matching paragraphs").
async fn total(client: &Client) -> u64 {
    let t = text(client, "#count").await;
    t.split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no number in {t:?}"))
}

#[test]
fn a_person_searches_filters_follows_a_permalink_and_no_script_runs() {
    if !browser_present() {
        return;
    }
    let env = corpus();
    let server = Server::start(&env);
    let driver = Driver::start();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let c = driver.session().await;
        // Type a query and send the form.
        c.goto(&server.url("/")).await.unwrap();
        let title = c.title().await.unwrap();
        c.find(Locator::Css("#q"))
            .await
            .unwrap()
            .send_keys("Taiwan")
            .await
            .unwrap();
        c.find(Locator::Css("#go")).await.unwrap().click().await.unwrap();
        arrived(&c, "q=Taiwan").await;
        let all = total(&c).await;
        assert_eq!(all, 6, "paragraphs holding Taiwan");
        assert!(text(&c, "ol.hits").await.contains("Taiwan"));
        // The chart is drawn: an image that loaded, of its full width.
        // (WebDriver's scripts run outside the page's policy, which allows none of its own.)
        let drawn = c
            .execute(
                "const i = document.getElementById('chart'); return i.complete ? i.naturalWidth : 0;",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(drawn, json!(960), "the chart did not load");
        shoot(&c, "results").await;
        // Narrow by a facet: the United States.
        c.find(Locator::Css("#facet-country a[href*='country=USA']"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let url = arrived(&c, "country=USA").await;
        assert_eq!(total(&c).await, 2);
        assert!(text(&c, "ul.active").await.contains("United States"));
        // The state is in the URL: the same page loads from it alone.
        c.goto(url.as_str()).await.unwrap();
        assert_eq!(total(&c).await, 2);
        // Follow a permalink to the paragraph in its statement.
        c.find(Locator::Css("a.permalink")).await.unwrap().click().await.unwrap();
        arrived(&c, "/p/").await;
        assert!(text(&c, "#here").await.contains("Taiwan"));
        // The views: keyword in context and who said it first.
        c.goto(&server.url("/?q=%22shared+future%22&view=kwic")).await.unwrap();
        assert!(text(&c, "#kwic").await.contains("shared future"));
        shoot(&c, "kwic").await;
        c.goto(&server.url("/?q=%22shared+future%22&view=first")).await.unwrap();
        let first = text(&c, "#first").await;
        assert!(first.find("China").unwrap() < first.find("United States").unwrap(), "{first}");
        shoot(&c, "first").await;
        // An answer, with the question it answers.
        c.goto(&server.url("/?q=welcome+visits")).await.unwrap();
        c.find(Locator::Css("a.permalink")).await.unwrap().click().await.unwrap();
        arrived(&c, "/p/").await;
        assert!(text(&c, "#question").await.contains("Xinjiang visits"));
        shoot(&c, "paragraph").await;
        // A statement holding a script and an image that runs one: shown as text, neither runs.
        c.goto(&server.url("/?q=pwned")).await.unwrap();
        let snippet = text(&c, "ol.hits").await;
        assert!(snippet.contains("<script>document.title='pwned'</script>"), "{snippet}");
        assert!(snippet.contains("<img src=x onerror="), "{snippet}");
        assert!(c.find_all(Locator::Css("p.snippet img, p.snippet script")).await.unwrap().is_empty());
        assert!(c.find_all(Locator::Css("a.original")).await.unwrap().is_empty(), "a javascript: link");
        c.goto(&server.url(HOSTILE)).await.unwrap();
        assert!(text(&c, "#here").await.contains("<script>"));
        // Give an image error handler its chance to run, had it been markup.
        tokio::time::sleep(Duration::from_millis(300)).await;
        let now = c.title().await.unwrap();
        assert!(!now.contains("pwned"), "a script in corpus text ran: {now:?}");
        // The same for a query built to break out of an attribute.
        c.goto(&server.url("/?q=%22%3E%3Cimg+src%3Dx+onerror%3D%22document.title%3D%27pwned%27%22%3E"))
            .await
            .unwrap();
        tokio::time::sleep(Duration::from_millis(300)).await;
        // The title is the query, as text; a script would have replaced it with its marker.
        let now = c.title().await.unwrap();
        assert_eq!(now, "\"><img src=x onerror=\"document.title='pwned'\"> — Demarche");
        assert!(text(&c, "p.error").await.starts_with("bad query"));
        assert_eq!(title, "Search — Demarche");
        c.close().await.unwrap();
    });
}
