//! End-to-end tests of the `portalscan` binary: exit codes, report formats, bad input,
//! the snapshot round trip and the README's rule table. One test binary (modules below)
//! so CI links once.

mod bad_input;
mod bounds;
mod coverage;
mod exit_codes;
mod force_app;
mod formats;
mod gate;
mod har;
mod html;
mod merge;
mod phi;
mod readme;
mod round_trip;
mod support;
