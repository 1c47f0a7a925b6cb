//! Links the `demarche` executable at a fixed address on Linux.
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
    let var = |name| std::env::var(name).unwrap_or_default();
    if var("CARGO_CFG_TARGET_OS") == "linux"
        && var("CARGO_CFG_TARGET_ENV") == "gnu"
        && !var("CARGO_CFG_TARGET_FEATURE").contains("crt-static")
    {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
