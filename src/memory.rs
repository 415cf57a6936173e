//! The allocator's part in the memory peak.
//!
//! The binary allocates with mimalloc (see its `main.rs`), which gives the pages of
//! freed memory back to the OS only after a delay (`purge_delay`, 1000 ms in this
//! build): cheap while extraction frees and reuses the same pages document after
//! document, but at the end of extraction, when every document's claims are moved
//! into the run's one vector (new memory), the per-document vectors freed on the way
//! stayed resident beside it. That moment was the run's peak.

// Links mimalloc, whose option `purging` sets, into every user of the library (its
// tests allocate with the system allocator, where setting it changes nothing).
use mimalloc as _;

/// `mi_option_purge_delay` in mimalloc.h's `mi_option_e` (v2 and v3).
const PURGE_DELAY: std::ffi::c_int = 15;

unsafe extern "C" {
    fn mi_option_get(option: std::ffi::c_int) -> std::ffi::c_long;
    fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
}

/// Runs `f` with freed pages given back to the OS at once, then restores the delay
/// (`MIMALLOC_PURGE_DELAY` when set). Not for the whole run: purging at once during
/// extraction cost BBC x10 15 % more wall time (1.4 s of system time instead of 0.6).
pub fn purging<T>(f: impl FnOnce() -> T) -> T {
    // SAFETY: plain reads and writes of mimalloc's option table, which mimalloc allows
    // at any time.
    let delay = unsafe { mi_option_get(PURGE_DELAY) };
    unsafe { mi_option_set(PURGE_DELAY, 0) };
    let out = f();
    unsafe { mi_option_set(PURGE_DELAY, delay) };
    out
}
