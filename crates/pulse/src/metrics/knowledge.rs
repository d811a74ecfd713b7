//! Knowledge at risk: each topic's holders still active, reduced to whether at least k of
//! them are (a count would name people through the public tags).

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};

use crate::config::PulseConfig;
use crate::model::{Organisation, PersonId, Topic};
use crate::snapshot::{KnowledgeSummary, TopicRow, TopicStatus};

pub(crate) fn knowledge_summary(
    org: &Organisation,
    topics: &[Topic],
    as_of: DateTime<Utc>,
    config: &PulseConfig,
) -> KnowledgeSummary {
    let quiet_since = as_of - Duration::days(i64::from(config.quiet_after_days));
    let k = config.min_group_size;
    let mut rows: Vec<TopicRow> = topics
        .iter()
        .map(|topic| {
            let mut latest: HashMap<PersonId, DateTime<Utc>> = HashMap::new();
            for holding in &topic.holders {
                let entry = latest.entry(holding.person).or_insert(holding.last_active);
                *entry = (*entry).max(holding.last_active);
            }
            let active = latest
                .iter()
                .filter(|(person, last_active)| {
                    let here = org
                        .index_of(**person)
                        .map(|index| &org.people()[index as usize])
                        .is_some_and(|p| p.left.is_none_or(|left| left > as_of));
                    here && **last_active >= quiet_since
                })
                .count();
            TopicRow::new(topic.name.clone(), latest.len(), active, k)
        })
        .collect();
    rows.sort_by(|a, b| {
        let risky = |row: &TopicRow| row.status != TopicStatus::AtRisk;
        (risky(a), &a.topic).cmp(&(risky(b), &b.topic))
    });
    KnowledgeSummary {
        quiet_after_days: config.quiet_after_days,
        at_risk: rows
            .iter()
            .filter(|r| r.status == TopicStatus::AtRisk)
            .count(),
        topics: rows,
    }
}
