//! A few statuses people chose, so the hallway shows who is open to chat and who is focusing.

use chrono::{DateTime, Duration, Utc};
use hallway_domain::{Availability, Invalid, Status};

use crate::history::DemoStatus;
use crate::org::DemoOrg;
use crate::rooms::person;

/// (email local part, availability, hours until it ends or 0 for "until changed", working on)
#[rustfmt::skip]
const STATUSES: [(&str, Availability, i64, &str); 12] = [
    ("jonas.becker", Availability::OpenToChat, 0, "Terraform module cleanup, happy to pair"),
    ("ethan.walsh", Availability::OpenToChat, 0, "Learning the sync engine; questions welcome both ways"),
    ("grace.mwangi", Availability::OpenToChat, 0, "Matching onboarding buddies for the new starters"),
    ("rohan.iyer", Availability::OpenToChat, 0, "New here: finding my way around the dbt project"),
    ("tariq.haddad", Availability::OpenToChat, 0, "First week! Say hi"),
    ("marcus.webb", Availability::OpenToChat, 0, "Annual plan experiment readout"),
    ("priya.raghunathan", Availability::Focusing, 2, "Key rotation for client-side encryption"),
    ("keiko.tanaka", Availability::Focusing, 0, "VoiceOver pass on the new hallway screen"),
    ("chloe.dubois", Availability::Focusing, 3, "Dark-mode tokens"),
    ("mateus.oliveira", Availability::Focusing, 0, "Autovacuum tuning on the events table"),
    ("fatima.elamrani", Availability::DoNotDisturb, 3, "Quarterly forecast due today"),
    ("liam.oconnor", Availability::Away, 20, "Dentist, back tomorrow"),
];

/// The statuses of the people of `org` that have one, valid at `now`.
pub(crate) fn demo_statuses(org: &DemoOrg, now: DateTime<Utc>) -> Result<Vec<DemoStatus>, Invalid> {
    STATUSES
        .iter()
        .filter_map(|(who, availability, hours, working_on)| {
            let index = person(org, who)?;
            let until = (*hours > 0).then(|| now + Duration::hours(*hours));
            Some(
                Status::new(*availability, until, working_on, now).map(|status| DemoStatus {
                    person: index,
                    status,
                }),
            )
        })
        .collect()
}
