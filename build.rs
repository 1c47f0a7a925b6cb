//! Links the `demarche` executable at a fixed address on Linux.
//!
//! A position-independent executable is relocated by the dynamic loader at every start: about 40,000
//! relocations, writing to some 200 pages of tables, which was half of the time `demarche --version`
//! took and a fifth of a short search process. Linked at a fixed address there is nothing to relocate
//! (libraries, heap and stack are still placed at random). The objects stay position-independent, so
//! only the link changes, and only for the executable: tests and benchmarks link as before.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
