//! Hallway's seed data: a believable demo organisation and generated companies. Pure, no I/O.
//!
//! * [`demo_org`] is the same forty people in six teams every time. Sign in to the demo as
//!   [`DEMO_OWNER_EMAIL`] (`ada@demo.hallway.dev`, the owner) with [`DEMO_PASSWORD`]; every demo
//!   person shares that password.
//! * [`generated_company`] scales to thousands of people for simulations and benchmarks and is
//!   deterministic for a seed.
//!
//! Every value is built through the domain's parse functions, so the output is exactly what a
//! store would accept from a form. Both functions return `Result` rather than panic.

mod demo;
mod demo_people;
mod generated;
mod hours;
mod names;
mod org;
mod rng;
mod tags;
mod teams;
mod zones;

pub use demo::{demo_org, DEMO_DOMAIN, DEMO_OWNER_EMAIL};
pub use generated::{generated_company, GENERATED_DOMAIN, MAX_GENERATED_ZONES};
pub use org::{DemoOrg, DemoPerson, DemoTeam};

/// The password of every demo and generated person. Demo data only: never for real accounts.
pub const DEMO_PASSWORD: &str = "hallway-demo";

#[cfg(test)]
mod tests;
