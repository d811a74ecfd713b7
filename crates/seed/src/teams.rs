//! Team names, descriptions and which "ask me about" pool each team's people draw from.

use crate::tags::Pool;

/// A team template: name, one-line description, and the tag pool its people know about.
pub(crate) struct TeamTemplate {
    pub name: &'static str,
    pub description: &'static str,
    pub pool: Pool,
}

const fn team(name: &'static str, description: &'static str, pool: Pool) -> TeamTemplate {
    TeamTemplate {
        name,
        description,
        pool,
    }
}

/// The first six are the demo organisation's teams; generated companies use as many as needed.
pub(crate) const TEAMS: [TeamTemplate; 24] = [
    team(
        "Platform",
        "Servers, storage, sync and the on-call rota.",
        Pool::Platform,
    ),
    team(
        "Mobile",
        "The iOS and Android apps and the offline mode.",
        Pool::Apps,
    ),
    team(
        "Design",
        "Product design, the design system and user research.",
        Pool::Design,
    ),
    team(
        "Data",
        "Warehouse, dashboards and experiment analysis.",
        Pool::Data,
    ),
    team(
        "Support",
        "Customers' first call: tickets, docs and onboarding.",
        Pool::Support,
    ),
    team(
        "Growth",
        "Pricing, lifecycle email and the marketing site.",
        Pool::Growth,
    ),
    team(
        "Payments",
        "Billing, invoices and payment providers.",
        Pool::Platform,
    ),
    team(
        "Search",
        "Indexing, ranking and the memory finder.",
        Pool::Data,
    ),
    team(
        "Security",
        "Threat models, audits and encryption at rest.",
        Pool::Platform,
    ),
    team("Web", "The browser app and its accessibility.", Pool::Apps),
    team(
        "Developer Experience",
        "Build times, CI and internal tools.",
        Pool::Platform,
    ),
    team(
        "Brand",
        "Illustration, typography and the public voice.",
        Pool::Design,
    ),
    team(
        "Sales",
        "Demos, trials and the occasional procurement form.",
        Pool::Growth,
    ),
    team(
        "Customer Success",
        "Keeping large customers happy after the sale.",
        Pool::Support,
    ),
    team(
        "Analytics",
        "Metrics definitions and self-serve reporting.",
        Pool::Data,
    ),
    team(
        "Integrations",
        "Calendars, chat bridges and the public API.",
        Pool::Apps,
    ),
    team(
        "Reliability",
        "SLOs, incident reviews and capacity planning.",
        Pool::Platform,
    ),
    team(
        "Research",
        "Interviews, diary studies and usability tests.",
        Pool::Design,
    ),
    team(
        "Partnerships",
        "Resellers, marketplaces and co-marketing.",
        Pool::Growth,
    ),
    team(
        "Documentation",
        "Guides, references and the self-hosting manual.",
        Pool::Support,
    ),
    team(
        "Desktop",
        "The desktop wrappers and notifications.",
        Pool::Apps,
    ),
    team(
        "Machine Learning",
        "Summaries, suggestions and their evaluation.",
        Pool::Data,
    ),
    team(
        "Infrastructure",
        "Networks, clusters and cost.",
        Pool::Platform,
    ),
    team(
        "Marketing",
        "Campaigns, events and the newsletter.",
        Pool::Growth,
    ),
];

/// The template for the `index`-th team and, past the list, a round number to keep names unique.
pub(crate) fn template(index: usize) -> (&'static TeamTemplate, usize) {
    let round = index / TEAMS.len();
    // index % len is always in bounds.
    (&TEAMS[index % TEAMS.len()], round)
}
