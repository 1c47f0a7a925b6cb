//! Links the `demarche` executable at a fixed address on Linux, and stamps the build with the version of
//! its reading rules.
//!
//! The rules stamp (`DEMARCHE_RULES`) is a hash of what decides how a file reads: the parsers and
//! attribution rules under `src/parse/`, the document readers under `src/extract/`, and the lexicons and
//! gazetteer under `data/`. An index records it with every file, so a binary with other rules reads every
//! file again instead of keeping what older rules made of it.
//!
//! A position-independent executable is relocated by the dynamic loader at every start: about 40,000
//! relocations, writing to some 200 pages of tables, which was half of the time `demarche --version`
//! took and a fifth of a short search process. Linked at a fixed address there is nothing to relocate.
//! The price: the executable's own code and data are no longer placed at random (libraries, heap and
//! stack still are), which matters little for a local tool that reads files it is given. The objects
//! stay position-independent, so only the link changes, and only for the executable's targets (its
//! unit-test harness, which holds no tests, included); the library's tests and benchmarks link as before.
//! Only glibc targets: musl and static builds link as static PIE, which `-no-pie` would contradict.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src/parse");
    println!("cargo:rerun-if-changed=src/extract");
    println!("cargo:rerun-if-changed=data");
    let mut files = Vec::new();
    for dir in ["src/parse", "src/extract", "data"] {
        collect(std::path::Path::new(dir), &mut files);
    }
    files.sort();
    // FNV-1a over paths and contents: stable across compilers and runs, unlike std's hasher.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for path in &files {
        let bytes = std::fs::read(path).unwrap_or_default();
        for b in path.to_string_lossy().bytes().chain([0]).chain(bytes) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    println!("cargo:rustc-env=DEMARCHE_RULES={hash:016x}");
    let var = |name| std::env::var(name).unwrap_or_default();
    if var("CARGO_CFG_TARGET_OS") == "linux"
        && var("CARGO_CFG_TARGET_ENV") == "gnu"
        && !var("CARGO_CFG_TARGET_FEATURE").contains("crt-static")
    {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}

/// Every file under `dir`.
fn collect(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else {
            out.push(path);
        }
    }
}
