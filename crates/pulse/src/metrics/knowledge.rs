//! Knowledge at risk: each topic's bus factor (holders still here and active) and the
//! topics whose holders have all left or gone quiet.

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
    let mut rows: Vec<TopicRow> = topics
        .iter()
        .map(|topic| {
            let mut latest: HashMap<PersonId, DateTime<Utc>> = HashMap::new();
            for holding in &topic.holders {
                let entry = latest.entry(holding.person).or_insert(holding.last_active);
                *entry = (*entry).max(holding.last_active);
            }
            let (mut active, mut left, mut quiet) = (0, 0, 0);
            for (person, last_active) in &latest {
                let gone = org
                    .index_of(*person)
                    .map(|index| &org.people()[index as usize])
                    .is_none_or(|p| p.left.is_some_and(|left| left <= as_of));
                if gone {
                    left += 1;
                } else if *last_active < quiet_since {
                    quiet += 1;
                } else {
                    active += 1;
                }
            }
            let status = if active == 0 {
                TopicStatus::Lost
            } else if active <= config.bus_factor_at_risk {
                TopicStatus::AtRisk
            } else {
                TopicStatus::Healthy
            };
            TopicRow {
                topic: topic.name.clone(),
                holders: latest.len(),
                active_holders: active,
                holders_left: left,
                holders_quiet: quiet,
                status,
            }
        })
        .collect();
    let severity = |s: TopicStatus| match s {
        TopicStatus::Lost => 0,
        TopicStatus::AtRisk => 1,
        TopicStatus::Healthy => 2,
    };
    rows.sort_by(|a, b| {
        (severity(a.status), a.active_holders, &a.topic).cmp(&(
            severity(b.status),
            b.active_holders,
            &b.topic,
        ))
    });
    KnowledgeSummary {
        quiet_after_days: config.quiet_after_days,
        at_risk: rows
            .iter()
            .filter(|r| r.status == TopicStatus::AtRisk)
            .count(),
        lost: rows
            .iter()
            .filter(|r| r.status == TopicStatus::Lost)
            .count(),
        topics: rows,
    }
}
