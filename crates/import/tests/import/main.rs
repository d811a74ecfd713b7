//! One integration-test binary for every importer; fixtures are built in temp dirs.

mod mattermost;
mod mbox;
mod slack;
mod stackexchange;
mod support;
mod zulip;
