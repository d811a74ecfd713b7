//! One integration-test binary for every importer; fixtures are built in temp dirs.

// Fixture helpers outside #[test] functions panic on setup failure on purpose.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod detect;
mod mattermost;
mod mbox;
mod slack;
mod stackexchange;
mod support;
mod zulip;
