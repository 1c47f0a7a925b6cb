//! Work on many threads, results taken in the order of the work: the queue that parses corpus files
//! beside indexing.
//!
//! A build's output must not depend on which thread finished first: its report, the folder priors and
//! the order documents reach the index all follow the walk. Workers take items from a queue and the
//! calling thread takes their results back in item order, holding early finishers until their turn.
//! At most a window of items is out at once — queued, in work, finished or waiting for their turn — so
//! memory holds that many results, never the whole corpus, however uneven the items.

use std::collections::BTreeMap;
use std::panic;
use std::thread;

/// Results held, per worker, at most: enough to keep every worker busy while one slow item holds the
/// others' results back, few enough that a corpus of large files stays within memory.
const WINDOW_PER_WORKER: usize = 4;

/// A worker's stack: the main thread's on Linux, where the work ran before it had workers. A spawned
/// thread gets 2 MiB by default, and a parser recursing into deeply nested markup must not overflow
/// sooner on a worker than it did there (an overflow aborts the process; it cannot be caught).
const WORKER_STACK: usize = 8 << 20;

/// Runs `work` on every item of `items` on `workers` threads named `name` (as profilers and debuggers
/// show them), and `consume` on the calling thread with
/// each item and its result, in item order. Stops at the first error `consume` returns (items already
/// out are finished and dropped), and returns it.
///
/// A panic in `work` is raised again on the calling thread when its item's turn comes, as if the work
/// had run there; `work` that must survive a panic catches it itself.
pub(crate) fn for_each_in_order<T, R, E>(
    items: &[T],
    workers: usize,
    name: &str,
    work: impl Fn(&T) -> R + Sync,
    mut consume: impl FnMut(&T, R) -> Result<(), E>,
) -> Result<(), E>
where
    T: Sync,
    R: Send,
{
    if items.is_empty() {
        return Ok(());
    }
    let workers = workers.clamp(1, items.len());
    let window = workers * WINDOW_PER_WORKER;
    thread::scope(|scope| {
        // Declared inside the scope: returning early drops both ends the calling thread holds, which
        // ends the workers before the scope waits for them.
        let (jobs, queued) = crossbeam_channel::bounded::<usize>(window);
        let (done, finished) = crossbeam_channel::bounded::<(usize, thread::Result<R>)>(window);
        for _ in 0..workers {
            let (queued, done, work) = (queued.clone(), done.clone(), &work);
            thread::Builder::new()
                .name(name.to_string())
                .stack_size(WORKER_STACK)
                .spawn_scoped(scope, move || {
                    for i in queued {
                        let result =
                            panic::catch_unwind(panic::AssertUnwindSafe(|| work(&items[i])));
                        if done.send((i, result)).is_err() {
                            // The caller stopped.
                            break;
                        }
                    }
                })
                // As `scope.spawn` would: a process that cannot start a thread cannot build.
                .expect("starting a worker thread");
        }
        drop((queued, done));
        let mut sent = 0;
        let mut waiting = BTreeMap::new();
        for (next, item) in items.iter().enumerate() {
            // Never more than the window out: the job queue holds a window, so this never blocks.
            while sent < items.len() && sent < next + window {
                jobs.send(sent).expect("workers end only when the jobs do");
                sent += 1;
            }
            let result = loop {
                if let Some(result) = waiting.remove(&next) {
                    break result;
                }
                let (i, result) = finished
                    .recv()
                    .expect("workers end only when the jobs do or the caller stops");
                waiting.insert(i, result);
            };
            match result {
                Ok(result) => consume(item, result)?,
                Err(payload) => panic::resume_unwind(payload),
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    #[test]
    fn results_come_in_item_order_whoever_finishes_first() {
        let items: Vec<u64> = (0..200).collect();
        for workers in [1, 2, 3, 8] {
            let mut seen = Vec::new();
            for_each_in_order(
                &items,
                workers,
                "test",
                // Early items slowest, so that later ones finish first.
                |&i| {
                    thread::sleep(Duration::from_micros((200 - i) * 20 % 700));
                    i * i
                },
                |&i, square| -> Result<(), ()> {
                    assert_eq!(square, i * i);
                    seen.push(i);
                    Ok(())
                },
            )
            .unwrap();
            assert_eq!(seen, items, "{workers} workers");
        }
    }

    #[test]
    fn no_more_than_a_window_of_items_is_out_at_once() {
        let items: Vec<usize> = (0..300).collect();
        let started = AtomicUsize::new(0);
        let workers = 3;
        let mut consumed = 0;
        for_each_in_order(
            &items,
            workers,
            "test",
            |_| started.fetch_add(1, Ordering::SeqCst),
            |_, _| -> Result<(), ()> {
                consumed += 1;
                let out = started.load(Ordering::SeqCst) - consumed;
                assert!(out < workers * WINDOW_PER_WORKER, "{out} out");
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(consumed, items.len());
    }

    #[test]
    fn an_error_stops_the_work_and_is_returned() {
        let items: Vec<usize> = (0..10_000).collect();
        let worked = AtomicUsize::new(0);
        let result = for_each_in_order(
            &items,
            2,
            "test",
            |_| worked.fetch_add(1, Ordering::SeqCst),
            |&i, _| if i == 10 { Err(i) } else { Ok(()) },
        );
        assert_eq!(result, Err(10));
        assert!(worked.load(Ordering::SeqCst) < 100, "the work went on");
    }

    #[test]
    fn a_panic_in_the_work_reaches_the_caller_at_its_turn() {
        let items: Vec<usize> = (0..50).collect();
        let mut consumed = Vec::new();
        let caught = panic::catch_unwind(panic::AssertUnwindSafe(|| {
            for_each_in_order(
                &items,
                2,
                "test",
                |&i| assert_ne!(i, 20, "item 20 panics on purpose"),
                |&i, _| -> Result<(), ()> {
                    consumed.push(i);
                    Ok(())
                },
            )
        }));
        assert!(caught.is_err());
        assert_eq!(consumed, (0..20).collect::<Vec<_>>());
    }

    #[test]
    fn no_items_no_threads() {
        let none: [u8; 0] = [];
        for_each_in_order(
            &none,
            4,
            "test",
            |_| unreachable!(),
            |_, ()| -> Result<(), ()> { unreachable!() },
        )
        .unwrap();
    }
}
