//! The benchmark page: a deterministic Experience-Cloud-like patient portal page, and a
//! loopback server for it.

pub mod page;
pub mod serve;
