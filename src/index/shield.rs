//! A panic inside tantivy, reading damaged data, as an error that names the index.
//!
//! tantivy panics on some data it cannot decode (an offset out of range, a block that does not
//! decompress) instead of returning an error. Damage past what the seal sees can cause either, and the
//! user must be told the same in both cases: the index is damaged, rebuild it. The panic hook is
//! process-wide, so whether a panic is shielded is kept per thread. The same catch without the index,
//! [`quietly`], keeps a parser's panic on one corpus file from ending a build on any of its threads.

use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;
use std::sync::Once;

use tantivy::Searcher;

use super::{damaged, Store};
use crate::error::Result;

thread_local! {
    /// How many [`quietly`]s the thread is inside: their panics are reported as errors, not printed.
    static SHIELDED: Cell<u32> = const { Cell::new(0) };
    /// The last panic caught inside [`quietly`], with where it happened.
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Runs `f`, returning a panic as [`Error::Damaged`] of the index at `path` instead of unwinding, and
/// without the panic message on stderr (the error carries it).
pub(crate) fn shield<T>(path: &Path, f: impl FnOnce() -> T) -> Result<T> {
    quietly(f).map_err(|message| damaged(path, format!("tantivy failed reading it: {message}")))
}

/// Runs `f`, returning a panic as its message and where it happened instead of unwinding, and without
/// printing it: for work whose panic the caller reports in its own words (a damaged index, a file the
/// parser failed on).
pub(crate) fn quietly<T>(f: impl FnOnce() -> T) -> std::result::Result<T, String> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if SHIELDED.with(Cell::get) == 0 {
                return previous(info);
            }
            let message = info
                .payload()
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "no message".into());
            let place = info
                .location()
                .map_or_else(String::new, |l| format!(" at {}:{}", l.file(), l.line()));
            LAST_PANIC.with(|p| *p.borrow_mut() = Some(format!("{message}{place}")));
        }));
    });
    SHIELDED.with(|s| s.set(s.get() + 1));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    SHIELDED.with(|s| s.set(s.get() - 1));
    result.map_err(|_| {
        LAST_PANIC
            .with(|p| p.borrow_mut().take())
            .unwrap_or_else(|| "no message".into())
    })
}

impl Store {
    /// Runs `f`, turning a panic inside tantivy, or an error where it says a file makes no sense, into
    /// [`Error::Damaged`]: data damaged past what [`Store::check`] sees can cause either.
    pub fn shielded<T>(&self, f: impl FnOnce() -> Result<T>) -> Result<T> {
        shield(&self.path, f)?.map_err(|e| self.unless_damaged(e))
    }

    /// Runs `f` on a searcher of this store's commit (see [`Store::reader`]), shielded like
    /// [`Store::shielded`]: everything a search reads, it reads inside `f`.
    pub fn searching<T>(&self, f: impl FnOnce(&Searcher) -> Result<T>) -> Result<T> {
        self.shielded(|| f(&self.reader()?.searcher()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;

    #[test]
    fn a_panic_in_a_shield_is_damage_of_the_index_with_the_message() {
        let err = shield(Path::new("idx"), || panic!("offset out of range")).unwrap_err();
        let text = err.to_string();
        assert!(matches!(err, Error::Damaged { .. }), "{text}");
        assert!(
            text.contains("offset out of range") && text.contains("shield.rs"),
            "{text}"
        );
        assert_eq!(shield(Path::new("idx"), || 7).unwrap(), 7);
    }

    #[test]
    fn a_panic_while_searching_is_damage_of_the_store_searched() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_or_create(dir.path()).unwrap();
        let found = store.searching(|searcher| Ok(searcher.num_docs()));
        assert_eq!(found.unwrap(), 0);
        let err = store
            .searching(|_| -> Result<()> { panic!("block does not decompress") })
            .unwrap_err();
        assert!(
            matches!(&err, Error::Damaged { path, detail, .. }
                if path == dir.path() && detail.contains("block does not decompress")),
            "{err}"
        );
    }
}
