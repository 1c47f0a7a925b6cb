//! `demarche serve`: one index, read-only, as web pages for people and JSON for scripts.
//!
//! Everything a page shows comes from the library functions the command line calls — [`search`],
//! [`crate::analysis`] and their [`output`](crate::output) writers — with the URL's parameters resolved
//! by the same function as the flags ([`params`]). This module holds the server: its routes, the headers
//! every response carries, and the index it serves, which follows the index's commits.
//!
//! One request reads one commit. The served [`Store`] is swapped whole when another process commits
//! (`demarche index` while serving): a request takes the store current when it starts and keeps it to
//! its end, and each store searches one commit only, so no page or answer mixes two (a page's chart is
//! the browser's own request, and may show a commit newer than its page). Searching is
//! blocking work, run on tokio's blocking threads so that the runtime keeps accepting connections.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use axum::extract::{Path as UrlPath, RawQuery, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::error::{Error, Result};
use crate::index::Store;

mod api;
mod pages;
mod params;

/// What every response allows the browser to load: the stylesheet and images from this server, nothing
/// else — no script at all (the chart is an SVG image drawn here), no frame, no form sent elsewhere.
/// Corpus text is escaped everywhere; this is the second lock on the same door.
const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; \
                   base-uri 'none'; frame-ancestors 'none'";

/// Searches run at once per core; more wait.
const BLOCKING_PER_CORE: usize = 4;

/// How often the index folder is looked at for a new commit.
const RELOAD_EVERY: Duration = Duration::from_millis(250);

/// The index being served, swapped whole for a newer commit.
pub(crate) struct Served {
    path: PathBuf,
    current: RwLock<Arc<Store>>,
}

impl Served {
    /// The store of the last commit opened: a request keeps it to its end.
    fn store(&self) -> Arc<Store> {
        match self.current.read() {
            Ok(guard) => Arc::clone(&guard),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }

    /// Opens the index's last commit if it is not the one served, and serves it from now on. A commit
    /// that does not open (one under way, a damaged index) leaves the one served in place.
    fn follow(&self, known: &mut Option<u64>, failed: &mut (Option<u64>, u32)) {
        let now = Store::last_commit(&self.path);
        if now.is_none() || now == *known {
            return;
        }
        let opened = Store::open(&self.path).and_then(|store| {
            // Opening the reader now fixes the commit the store reads, before any request sees it.
            store.searching(|s| Ok(s.num_docs()))?;
            Ok(store)
        });
        // A commit that does not open yet (one under way) is looked at again next time; one that still
        // fails (a damaged index, another format) is said once, so whoever runs the server knows why
        // it goes on serving the commit before.
        match opened {
            Ok(store) => {
                *known = now;
                match self.current.write() {
                    Ok(mut guard) => *guard = Arc::new(store),
                    Err(poisoned) => *poisoned.into_inner() = Arc::new(store),
                }
            }
            Err(e) => {
                if failed.0 == now {
                    failed.1 += 1;
                } else {
                    *failed = (now, 1);
                }
                // The second failure of one commit: the first may be a build still writing it.
                if failed.1 == 2 {
                    eprintln!(
                        "demarche serve: still serving the commit before, the index's new one did not open: {e}"
                    );
                }
            }
        }
    }
}

/// Serves the index at `index` on `bind` until the process is interrupted. `ready` is told the address
/// bound (the port, when `bind` asked for any).
pub(crate) fn serve(index: &Path, bind: SocketAddr, ready: impl FnOnce(SocketAddr)) -> Result<()> {
    let known = Store::last_commit(index);
    let store = Store::open(index)?;
    store.searching(|s| Ok(s.num_docs()))?;
    let served = Arc::new(Served {
        path: index.to_path_buf(),
        current: RwLock::new(Arc::new(store)),
    });
    let follower = Arc::downgrade(&served);
    std::thread::Builder::new()
        .name("follow-commits".into())
        .spawn(move || {
            let mut known = known;
            let mut failed = (None, 0);
            // Ends when the server, the only strong owner, is gone.
            while let Some(served) = follower.upgrade() {
                served.follow(&mut known, &mut failed);
                drop(served);
                std::thread::sleep(RELOAD_EVERY);
            }
        })
        .map_err(|e| Error::io(index, e))?;
    // Searches beyond a few per core wait their turn rather than each taking a thread (tokio's default
    // allows 512): a burst of clients then costs time, not memory.
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .max_blocking_threads(cores * BLOCKING_PER_CORE)
        .enable_all()
        .build()
        .map_err(|e| Error::io(index, e))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(bind)
            .await
            .map_err(|e| Error::BadValue {
                what: format!("--bind {bind}"),
                reason: format!("cannot listen there: {e}"),
            })?;
        let local = listener.local_addr().map_err(|e| Error::io(index, e))?;
        ready(local);
        axum::serve(listener, router(served))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(|e| Error::io(index, e))
    })
}

/// Every route; only GET (and HEAD) are answered, and none writes anything.
fn router(served: Arc<Served>) -> Router {
    Router::new()
        .route("/", get(pages::home))
        .route("/p/{*id}", get(paragraph))
        .route("/trend.svg", get(pages::chart))
        .route("/style.css", get(style))
        .route("/api/search", get(api::search))
        .route("/api/count", get(api::count))
        .route("/api/trend", get(api::trend))
        .route("/api/kwic", get(api::kwic))
        .route("/api/first", get(api::first))
        .fallback(pages::not_found)
        .layer(axum::middleware::map_response(secure))
        .with_state(served)
}

/// The headers every response carries.
async fn secure(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    response
}

/// The page's stylesheet, a file of the program.
async fn style() -> Response {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        include_str!("style.css"),
    )
        .into_response()
}

async fn paragraph(
    State(served): State<Arc<Served>>,
    UrlPath(id): UrlPath<String>,
    RawQuery(query): RawQuery,
) -> Response {
    pages::paragraph(served, id, query).await
}

/// Runs `work` on the store of one commit, on a blocking thread.
async fn blocking<T: Send + 'static>(
    served: &Served,
    work: impl FnOnce(&Store) -> T + Send + 'static,
) -> std::result::Result<T, Response> {
    let store = served.store();
    tokio::task::spawn_blocking(move || work(&store))
        .await
        .map_err(|_| {
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "the search failed unexpectedly",
            )
                .into_response()
        })
}

/// The status of an error: the user's (400) or the server's (500).
fn status(e: &Error) -> StatusCode {
    if e.is_usage() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::INTERNAL_SERVER_ERROR
    }
}
