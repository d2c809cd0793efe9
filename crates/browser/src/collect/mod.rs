//! Facts about a page's traffic and storage for the PHI rules: every request with the
//! headers it carried (the `Referer` above all) and its response, the main document's
//! response headers, cookies with their flags, localStorage, sessionStorage, IndexedDB,
//! Cache Storage and console messages.
//!
//! Only facts: nothing here decides whether something is PHI. Errors name the step and
//! never carry cookie, storage or header values (they may hold PHI or credentials).

mod console;
mod cookies;
pub(crate) mod fields;
mod network;
mod storage;

pub use cookies::cookies;
pub use network::{Collected, Collector, MAX_BODIES, MAX_BODY, MAX_CONSOLE, MAX_REQUEST_BODY};
pub use storage::{MAX_CACHE_BODY, MAX_RECORDS, MAX_VALUE, storage};
