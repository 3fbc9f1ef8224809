//! Handing freed heap back to the operating system. Indexing a corpus parses
//! every cell and keeps only each file's index record: glibc keeps the freed
//! trees' pages for reuse (hundreds of megabytes at 10,000 cells), so the
//! load thread asks it to return them once the trees are dropped.

/// Returns the free pages at the top of each malloc arena and the whole free
/// pages inside them (glibc's `malloc_trim(0)`); nothing elsewhere.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub(crate) fn trim() {
    // The workspace denies unsafe code: this is its one use, a call into the
    // C library with no pointer and no precondition.
    #[allow(unsafe_code)]
    // SAFETY: `malloc_trim` takes a padding size and touches only the
    // allocator's own free lists, under the allocator's locks.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Other allocators return freed memory themselves (or offer no call for it).
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub(crate) fn trim() {}
