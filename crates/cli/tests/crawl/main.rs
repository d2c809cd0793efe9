//! The crawler in real Chromium, end to end through the `portalscan` binary, against
//! loopback servers started here: scope safety, failing pages, kill and resume, login
//! secrecy, storage-state login, shards joined by merge, the gate, screenshots. These
//! tests fail (not skip) when Chromium is missing.

mod failures;
mod fixture_pages;
mod gate;
mod login;
mod resume;
mod scope;
mod screenshots;
mod server;
mod shard;
mod storage_state;
mod support;
mod watchdog;
