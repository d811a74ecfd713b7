//! Hallway's seed data: a believable demo organisation and generated companies. Pure, no I/O.
//!
//! * [`demo_org`] is the same forty people in six teams every time. Sign in to the demo as
//!   [`DEMO_OWNER_EMAIL`] (`ada@demo.hallway.dev`, the owner) with [`DEMO_PASSWORD`]; every demo
//!   person shares that password.
//! * [`generated_company`] scales to thousands of people for simulations and benchmarks and is
//!   deterministic for a seed.
//! * [`demo_history`] gives the demo its rooms and a few weeks of conversation (messages,
//!   replies, edits, reactions) written within each author's working hours, plus statuses.
//!
//! Every value is built through the domain's parse functions, so the output is exactly what a
//! store would accept from a form. Both functions return `Result` rather than panic.

mod cast;
mod changes;
mod clock;
mod conversation;
mod demo;
mod demo_people;
mod generated;
mod history;
mod hours;
mod names;
mod org;
mod pulse;
mod rng;
mod rooms;
mod statuses;
mod stories;
mod tags;
mod talk_kitchen;
mod talk_rooms;
mod talk_social;
mod talk_work;
mod teams;
mod topics_eng;
mod topics_org;
mod vocab;
mod zones;

pub use clock::is_working;
pub use demo::{demo_org, DEMO_DOMAIN, DEMO_OWNER_EMAIL};
pub use generated::{generated_company, GENERATED_DOMAIN, MAX_GENERATED_ZONES};
pub use history::{
    demo_history, DemoChange, DemoChangeKind, DemoHistory, DemoMessage, DemoRoom, DemoStatus,
    DemoStep, DEMO_SEED, HISTORY_DAYS,
};
pub use org::{DemoOrg, DemoPerson, DemoTeam};
pub use pulse::{
    demo_interactions, DemoInteraction, DemoInteractionKind, PAIRING_STARTED_WEEKS_AGO, PULSE_WEEKS,
};
pub use stories::ENCRYPTION_PHRASE;

/// The password of every demo and generated person. Demo data only: never for real accounts.
pub const DEMO_PASSWORD: &str = "hallway-demo";

#[cfg(test)]
mod history_tests;
#[cfg(test)]
mod tests;
