//! The benchmark page: a deterministic Experience-Cloud-like patient portal page.

pub mod page;
