// Paragraph documents are built on the main thread and freed on tantivy's indexing threads, a pattern
// glibc's allocator served slowly: with mimalloc a full build of the UN General Debate corpus took 9%
// less CPU time. Transparent huge pages are off (`no_thp`): zeroing 2 MB pages on first touch cost
// 0.85 ms at start and up to 2 ms in a search process, and did not speed builds.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    demarche::main()
}
