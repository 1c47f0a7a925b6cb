//! A load driver for `demarche serve`: many clients, each on its own kept-alive connection, sending
//! requests back to back for a bounded time; requests per second, latency percentiles and errors.

use std::fmt;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Empty};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;

/// What a run measured.
pub struct Load {
    pub clients: usize,
    pub seconds: f64,
    pub requests: usize,
    /// Failed connections and answers other than 200.
    pub errors: usize,
    pub p50: Duration,
    pub p99: Duration,
    /// What the first error was, for the message of a failed test.
    pub first_error: Option<String>,
}

impl fmt::Display for Load {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "load: {} clients for {:.1} s: {} requests, {:.0} requests/s, p50 {:.2} ms, p99 {:.2} ms, {} errors",
            self.clients,
            self.seconds,
            self.requests,
            self.requests as f64 / self.seconds,
            self.p50.as_secs_f64() * 1e3,
            self.p99.as_secs_f64() * 1e3,
            self.errors
        )?;
        if let Some(e) = &self.first_error {
            write!(f, " (first: {e})")?;
        }
        Ok(())
    }
}

/// Runs `clients` clients against `addr` for `time`, each cycling through `paths` from its own start.
pub fn drive(addr: SocketAddr, paths: &[&str], clients: usize, time: Duration) -> Load {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime");
    let urls: Vec<hyper::Uri> = paths
        .iter()
        .map(|p| format!("http://{addr}{p}").parse().expect("a URL"))
        .collect();
    runtime.block_on(async move {
        let started = Instant::now();
        let until = started + time;
        let mut tasks = Vec::new();
        for c in 0..clients {
            let urls = urls.clone();
            tasks.push(tokio::spawn(async move {
                let client = Client::builder(TokioExecutor::new())
                    .pool_max_idle_per_host(1)
                    .build_http::<Empty<bytes::Bytes>>();
                let (mut latencies, mut errors, mut first) = (Vec::new(), 0usize, None);
                let mut i = c;
                while Instant::now() < until {
                    let url = urls[i % urls.len()].clone();
                    i += 1;
                    let sent = Instant::now();
                    let failed = match client.get(url.clone()).await {
                        Ok(response) => {
                            let status = response.status();
                            match response.into_body().collect().await {
                                Ok(_) if status.is_success() => None,
                                Ok(_) => Some(format!("{url}: {status}")),
                                Err(e) => Some(format!("{url}: {e}")),
                            }
                        }
                        Err(e) => Some(format!("{url}: {e:?}")),
                    };
                    latencies.push(sent.elapsed());
                    if let Some(e) = failed {
                        errors += 1;
                        first.get_or_insert(e);
                    }
                }
                (latencies, errors, first)
            }));
        }
        let mut all = Vec::new();
        let (mut errors, mut first_error) = (0, None);
        for t in tasks {
            let (l, e, first) = t.await.expect("a client task");
            all.extend(l);
            errors += e;
            first_error = first_error.or(first);
        }
        let seconds = started.elapsed().as_secs_f64();
        all.sort();
        let at = |q: f64| {
            all.get(((all.len() as f64 * q) as usize).min(all.len().saturating_sub(1)))
                .copied()
                .unwrap_or_default()
        };
        Load {
            clients,
            seconds,
            requests: all.len(),
            errors,
            p50: at(0.50),
            p99: at(0.99),
            first_error,
        }
    })
}
