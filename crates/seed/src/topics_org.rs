//! What Design, Data, Support and Growth talk about, and which topics belong to which team.

use crate::topics_eng::{MOBILE, PLATFORM};
use crate::vocab::Topic;

/// The topics of the team at `index` in the demo's team order; later teams reuse them.
pub(crate) fn topics(index: usize) -> &'static [Topic] {
    match index % 6 {
        0 => PLATFORM,
        1 => MOBILE,
        2 => DESIGN,
        3 => DATA,
        4 => SUPPORT,
        _ => GROWTH,
    }
}

#[rustfmt::skip]
pub(crate) const DESIGN: &[Topic] = &[
    Topic { tag: "design systems", pools: &[
        ("subject", &["the button component", "the colour tokens", "the spacing scale", "the dark theme", "the icon set"]),
        ("symptom", &["three slightly different greys in production", "components drifting from the Figma library", "focus rings disappearing in dark mode", "icons rendering blurry at 20px"]),
        ("cause", &["hard-coded hex values instead of tokens", "a detached Figma instance nobody noticed", "the focus colour having no dark-mode token", "icons drawn on a 24px grid and scaled down"]),
        ("fix", &["Replace the hex values with `--color-surface-*` tokens", "Re-link the instances and add a lint for detached ones", "Add a `focus-ring` token for both themes", "Redraw the small sizes on a 20px grid"]),
        ("command", &["the Figma token inspector", "`rg -n '#[0-9a-fA-F]+;' static/`", "the design lint plugin", "the component changelog"]),
        ("link", &["https://figma.com/file/hallway-design-system", "https://docs.demo.hallway.dev/design/tokens"]),
        ("update", &["the dark-mode tokens are in the library", "the new button variants are published", "the icon set has 20px versions", "the spacing scale is down to six steps"]),
    ]},
    Topic { tag: "accessibility", pools: &[
        ("subject", &["the hallway page", "the room list", "the message composer", "the status picker", "the sign-in form"]),
        ("symptom", &["VoiceOver reading the room list twice", "a keyboard trap in the emoji picker", "contrast of 3.1:1 on the muted text", "screen readers not announcing new messages"]),
        ("cause", &["an `aria-label` duplicating the visible text", "focus never returned after closing the popover", "the muted grey token being too light", "a missing `aria-live` region"]),
        ("fix", &["Drop the `aria-label` and let the text speak", "Return focus to the trigger when the popover closes", "Darken the muted token to reach 4.5:1", "Add a polite `aria-live` region for new messages"]),
        ("command", &["axe DevTools", "the contrast checker", "a keyboard-only walkthrough", "VoiceOver's rotor"]),
        ("link", &["https://www.w3.org/WAI/WCAG22/quickref/", "https://docs.demo.hallway.dev/design/accessibility-checklist"]),
        ("update", &["every page passes axe with zero violations", "the composer works with the keyboard alone", "muted text meets 4.5:1", "new messages are announced politely"]),
    ]},
    Topic { tag: "user research", pools: &[
        ("subject", &["the onboarding interviews", "the hallway prototype test", "the status-picker survey", "the diary study", "the research repository"]),
        ("symptom", &["half the participants missing their slot", "people misreading 'focusing' as 'busy forever'", "a survey response rate of 4%", "findings nobody can find a month later"]),
        ("cause", &["invites sent in our time zone, not theirs", "the icon looking like a stop sign", "the survey landing on a Friday evening", "notes living in personal docs"]),
        ("fix", &["Send invites with the slot in the participant's zone", "Show the 'until' time next to the status", "Send it Tuesday morning local time", "Tag every note in the research repository"]),
        ("command", &["the recruiting sheet", "the session recordings", "the affinity map", "the research repository search"]),
        ("link", &["https://docs.demo.hallway.dev/research/playbook", "https://figma.com/file/hallway-research-synthesis"]),
        ("update", &["five onboarding interviews are booked for next week", "the prototype test readout is up", "the research repository has tags now", "we're recruiting for the diary study"]),
    ]},
];

#[rustfmt::skip]
pub(crate) const DATA: &[Topic] = &[
    Topic { tag: "dbt", pools: &[
        ("subject", &["the `fct_messages` model", "the nightly dbt run", "the `dim_people` snapshot", "the weekly active teams metric", "the incremental events model"]),
        ("symptom", &["the nightly run taking four hours", "duplicate rows after a backfill", "the snapshot exploding in size", "numbers not matching the product dashboard"]),
        ("cause", &["a full refresh hiding in the incremental model", "a missing `unique_key` on the merge", "snapshotting a column that changes every run", "a timezone cast in one model but not the other"]),
        ("fix", &["Filter on `is_incremental()` with a 3-day lookback", "Add a `unique_key` and rerun the backfill", "Exclude `updated_at` from the snapshot check columns", "Cast everything to UTC in the staging layer"]),
        ("command", &["`dbt run --select fct_messages+`", "`dbt test --select state:modified`", "`dbt ls --resource-type snapshot`", "the dbt docs lineage graph"]),
        ("link", &["https://docs.getdbt.com/docs/build/incremental-models", "https://docs.demo.hallway.dev/data/models"]),
        ("update", &["the nightly run is down to 35 minutes", "staging models all cast to UTC", "`fct_messages` has tests on every key", "dbt docs are published on every merge"]),
    ]},
    Topic { tag: "experimentation", pools: &[
        ("subject", &["the pricing page experiment", "the onboarding checklist test", "the nudge copy experiment", "the experiment dashboard", "the assignment service"]),
        ("symptom", &["a sample ratio mismatch of 52/48", "a lift that vanishes after a week", "p-values jumping around daily", "more users in the control than we enrolled"]),
        ("cause", &["bots hitting only one variant", "a novelty effect", "peeking at the results every day", "assignment happening after a redirect that drops some users"]),
        ("fix", &["Filter bots before assignment and rerun the SRM check", "Run it for two full weekly cycles", "Use a sequential test or fix the horizon up front", "Assign on the server before the redirect"]),
        ("command", &["the SRM checker notebook", "the power calculator", "`SELECT variant, count(*) FROM assignments GROUP BY 1`", "the experiment dashboard's guardrail tab"]),
        ("link", &["https://docs.demo.hallway.dev/data/experiment-guide", "https://notebooks.demo.hallway.dev/srm-check"]),
        ("update", &["the SRM check runs automatically every morning", "the pricing experiment has reached its sample size", "guardrail metrics are on every experiment", "the power calculator has a Slack-free home in the docs"]),
    ]},
    Topic { tag: "dashboards", pools: &[
        ("subject", &["the churn dashboard", "the weekly metrics email", "the support volume board", "the activation funnel", "the exec summary"]),
        ("symptom", &["the dashboard timing out on Monday mornings", "last week's numbers changing after the fact", "a funnel step with more users than the step before", "charts nobody opens"]),
        ("cause", &["every tile querying raw events instead of the rollup", "late-arriving events being counted into closed weeks", "steps counted per session instead of per person", "too many charts and no question behind them"]),
        ("fix", &["Point the tiles at the daily rollup table", "Freeze weeks after a 3-day grace period", "Count distinct people per step", "Cut it to five charts that each answer one question"]),
        ("command", &["the query history", "the dashboard usage report", "`EXPLAIN` on the slowest tile", "the metrics glossary"]),
        ("link", &["https://bi.demo.hallway.dev/dashboards/churn", "https://docs.demo.hallway.dev/data/metrics-glossary"]),
        ("update", &["the churn dashboard loads in 3 seconds", "weeks freeze after a 3-day grace period", "the funnel counts people, not sessions", "the metrics glossary covers every tile"]),
    ]},
];

#[rustfmt::skip]
pub(crate) const SUPPORT: &[Topic] = &[
    Topic { tag: "escalations", pools: &[
        ("subject", &["ticket {ticket_id}", "the enterprise customer in Frankfurt", "a self-hosted install on Kubernetes", "the SSO login of a new customer", "a customer's Slack import"]),
        ("symptom", &["users signed out every ten minutes", "a 502 right after the upgrade", "'invite link expired' on a fresh invite", "half the Slack history missing"]),
        ("cause", &["two nodes with different session secrets", "the proxy timeout lower than the migration time", "the server clock five minutes fast", "threads in the export that we skipped as unsupported"]),
        ("fix", &["Share one secret across nodes via the config file", "Raise the proxy timeout for the first start", "Turn on NTP on the host", "Re-run the import with the newer version that reads threads"]),
        ("command", &["`hallway config example`", "the customer's `/readyz` output", "`timedatectl status`", "the import report's skipped list"]),
        ("link", &["https://docs.demo.hallway.dev/self-hosting/troubleshooting", "https://docs.demo.hallway.dev/self-hosting/upgrades"]),
        ("update", &["the escalation template now asks for `/readyz` output", "we answered every enterprise ticket within the SLA this week", "the troubleshooting guide has a clock-skew section", "the upgrade guide warns about proxy timeouts"]),
    ]},
    Topic { tag: "documentation", pools: &[
        ("subject", &["the self-hosting guide", "the backup page", "the API reference", "the SSO setup guide", "the FAQ"]),
        ("symptom", &["the same question coming in three times a day", "an outdated screenshot confusing people", "customers missing the backup step", "broken anchors in the API reference"]),
        ("cause", &["the answer being buried on page four", "the UI changing in the last release", "the backup step living in a footnote", "headings renamed without redirects"]),
        ("fix", &["Move the answer to the top with a clear heading", "Retake the screenshots after each release", "Make backups a numbered step with a warning box", "Add redirects for the old anchors"]),
        ("command", &["the docs search log", "the link checker", "the top-20 macros report", "the page feedback widget"]),
        ("link", &["https://docs.demo.hallway.dev/self-hosting", "https://docs.demo.hallway.dev/faq"]),
        ("update", &["the backup page has a checklist", "screenshots match the current release", "the link checker runs in CI", "the FAQ covers the top ten macros"]),
    ]},
    Topic { tag: "onboarding", pools: &[
        ("subject", &["new-customer onboarding", "the first-week email", "the onboarding call script", "the setup checklist", "the buddy programme"]),
        ("symptom", &["teams stalling after inviting three people", "customers never finding the hallway page", "calls running 30 minutes over", "new starters not knowing whom to ask"]),
        ("cause", &["the invite step asking for emails one by one", "the hallway link hidden in a menu", "demoing every feature instead of their use case", "buddies assigned after the first week"]),
        ("fix", &["Offer a single invite link", "Put the hallway on the home screen", "Start the call with their goal and demo only that", "Assign buddies before day one"]),
        ("command", &["the activation funnel", "the call notes", "the onboarding survey", "the checklist completion report"]),
        ("link", &["https://docs.demo.hallway.dev/support/onboarding-script", "https://docs.demo.hallway.dev/people/buddy-programme"]),
        ("update", &["the onboarding call is down to 30 minutes", "buddies are assigned before day one", "the setup checklist is in the app", "we onboarded four new customers this week"]),
    ]},
];

#[rustfmt::skip]
pub(crate) const GROWTH: &[Topic] = &[
    Topic { tag: "pricing experiments", pools: &[
        ("subject", &["the pricing page", "the annual plan discount", "the team-size slider", "the free tier limits", "the checkout flow"]),
        ("symptom", &["annual signups dropping 15%", "people stopping at the slider", "upgrades clustering at exactly 10 seats", "checkout abandonment on mobile"]),
        ("cause", &["the discount shown as a monthly price", "the slider starting at 50 seats", "the free tier ending at 10 people", "the card form not fitting on small screens"]),
        ("fix", &["Show the yearly total next to the monthly equivalent", "Start the slider at the team's current size", "Test a soft limit with a grace period", "Use the wallet buttons on mobile"]),
        ("command", &["the pricing experiment readout", "the checkout funnel", "the upgrade cohort query", "the session replays for checkout"]),
        ("link", &["https://hallway.dev/pricing", "https://docs.demo.hallway.dev/growth/pricing-experiments"]),
        ("update", &["the annual plan test is live for 50% of visitors", "the slider starts at your team's size", "checkout supports wallet payments", "free tier grace periods are live"]),
    ]},
    Topic { tag: "lifecycle email", pools: &[
        ("subject", &["the welcome email", "the weekly digest", "the re-engagement sequence", "the trial-ending email", "the unsubscribe page"]),
        ("symptom", &["open rates halving overnight", "digests landing in spam for one provider", "people unsubscribing after the second email", "links in the trial email going to a 404"]),
        ("cause", &["a broken DKIM record after the DNS move", "sending from a brand new IP without warming it", "sending the second email the same day as the first", "the UTM parameters breaking the route"]),
        ("fix", &["Re-publish the DKIM key and check the alignment", "Warm the new IP over two weeks", "Space the sequence out to day 1, 3 and 7", "Strip unknown query parameters before routing"]),
        ("command", &["the DMARC reports", "`dig TXT hallway._domainkey.hallway.dev`", "the email provider's bounce log", "the sequence analytics"]),
        ("link", &["https://docs.demo.hallway.dev/growth/email-deliverability", "https://hallway.dev/blog/async-teams"]),
        ("update", &["DKIM is fixed and DMARC is at `quarantine`", "the digest goes out in each person's morning", "the re-engagement sequence is three emails, not five", "the trial email links work again"]),
    ]},
    Topic { tag: "seo", pools: &[
        ("subject", &["the marketing site", "the blog", "the comparison pages", "the docs landing page", "the sitemap"]),
        ("symptom", &["organic traffic down 20% week on week", "the blog disappearing from search results", "Core Web Vitals failing on mobile", "duplicate titles on every docs page"]),
        ("cause", &["a `noindex` left on from the staging deploy", "canonical URLs pointing at the old domain", "a hero image of 3 MB", "the title template ignoring the page heading"]),
        ("fix", &["Remove the `noindex` and resubmit the sitemap", "Point canonicals at the new domain", "Serve the hero as AVIF at 200 KB", "Use the page heading in the title template"]),
        ("command", &["Search Console's coverage report", "Lighthouse on a throttled phone", "`curl -sI https://hallway.dev/blog | grep -i robots`", "the crawl report"]),
        ("link", &["https://search.google.com/search-console", "https://docs.demo.hallway.dev/growth/seo-checklist"]),
        ("update", &["the blog is back in the index", "every page passes Core Web Vitals", "titles use page headings", "the comparison pages are live"]),
    ]},
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_topic_fills_every_slot_and_links_its_fixes() {
        for team in 0..6 {
            for topic in topics(team) {
                let len = |key: &str| {
                    topic
                        .pools
                        .iter()
                        .find(|(k, _)| *k == key)
                        .map_or(0, |(_, v)| v.len())
                };
                for key in ["subject", "command", "link", "update"] {
                    assert!(len(key) >= 2, "{} lacks {key}", topic.tag);
                }
                assert!(len("cause") >= 3, "{}", topic.tag);
                assert_eq!(len("symptom"), len("cause"), "{}", topic.tag);
                assert_eq!(len("fix"), len("cause"), "{}", topic.tag);
            }
        }
    }
}
