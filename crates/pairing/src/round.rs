//! Planning one round: prepare the circle, build the candidate graph, match, form groups, pick
//! slots, and account for everyone who could not be placed.

use std::collections::HashMap;

use crate::candidates::{build_candidates, build_candidates_global, scan_groups, solver_weight};
use crate::groups::{merge_pairs_into_fours, place_singles, Draft};
use crate::matching::{solve_matching, SolveOptions, WeightedEdge};
use crate::model::{GroupShape, RoundRequest};
use crate::plan::{Group, PairingError, RoundPlan, RoundStats, Unpaired, UnpairedReason};
use crate::regroup::split_leftover_pairs;
use crate::roster::{pair_key, Roster};
use crate::slots::{choose_slot, render_slot};

fn validate(req: &RoundRequest) -> Result<(), PairingError> {
    let s = &req.settings;
    if s.meeting_minutes == 0 || s.meeting_minutes > 24 * 60 {
        return Err(PairingError::InvalidSettings(
            "meeting_minutes must be 1..=1440".into(),
        ));
    }
    if req.cycle.days == 0 || req.cycle.days > 366 {
        return Err(PairingError::InvalidSettings(
            "the cycle must have 1..=366 days".into(),
        ));
    }
    if s.min_overlap_minutes < s.meeting_minutes {
        return Err(PairingError::InvalidSettings(
            "min_overlap_minutes must be at least meeting_minutes".into(),
        ));
    }
    Ok(())
}

/// Plans a round with the default solver options.
pub fn plan_round(req: &RoundRequest) -> Result<RoundPlan, PairingError> {
    plan_round_with(req, SolveOptions::default())
}

/// Plans a round; `options` decides how large circles are solved.
pub fn plan_round_with(
    req: &RoundRequest,
    options: SolveOptions,
) -> Result<RoundPlan, PairingError> {
    validate(req)?;
    let roster = Roster::prepare(req);
    let settings = &req.settings;
    let candidates = build_candidates(&roster, settings);
    let mut unpaired: Vec<Unpaired> = roster.rejected.clone();
    for (i, reason) in &candidates.isolated {
        unpaired.push(Unpaired {
            person: roster.members[*i as usize].id.clone(),
            reason: reason.clone(),
        });
    }
    let eligible = roster.len() - candidates.isolated.len();
    if eligible < 2 {
        return Err(PairingError::TooFewEligible { eligible, unpaired });
    }
    let edges: Vec<WeightedEdge> = candidates
        .edges
        .iter()
        .map(|c| (c.a, c.b, solver_weight(settings.seed, c)))
        .collect();
    let matching = solve_matching(roster.len(), &edges, options);
    let by_pair: HashMap<(u32, u32), usize> = candidates
        .edges
        .iter()
        .enumerate()
        .map(|(i, c)| (pair_key(c.a, c.b), i))
        .collect();
    let mut neighbours = vec![Vec::new(); roster.len()];
    for c in &candidates.edges {
        neighbours[c.a as usize].push(c.b);
        neighbours[c.b as usize].push(c.a);
    }
    let mut drafts: Vec<Draft> = matching
        .pairs()
        .into_iter()
        .filter_map(|(a, b)| {
            let c = &candidates.edges[*by_pair.get(&(a, b))?];
            Some(Draft::pair(&roster, req.cycle, a, b, c.points, c.window))
        })
        .collect();
    let mut singles: Vec<u32> = (0..roster.len() as u32)
        .filter(|&v| matching.mate[v as usize].is_none() && !neighbours[v as usize].is_empty())
        .collect();
    if singles.len() >= 2 {
        // Blocks (and, rarely, the short candidate lists) leave a few people single who could
        // still meet each other: match them among themselves before anyone joins a trio.
        let pool = scan_groups(&roster, settings, std::slice::from_ref(&singles));
        let pool_edges: Vec<WeightedEdge> = pool
            .edges
            .iter()
            .filter(|c| singles.binary_search(&c.a).is_ok() && singles.binary_search(&c.b).is_ok())
            .map(|c| (c.a, c.b, solver_weight(settings.seed, c)))
            .collect();
        let second = solve_matching(roster.len(), &pool_edges, options);
        for (a, b) in second.pairs() {
            if let Some(c) = pool.edges.iter().find(|c| (c.a, c.b) == (a, b)) {
                drafts.push(Draft::pair(&roster, req.cycle, a, b, c.points, c.window));
            }
        }
        singles.retain(|&v| second.mate[v as usize].is_none());
    }
    let left = place_singles(&roster, settings, req.cycle, &mut drafts, singles);
    for v in left {
        unpaired.push(Unpaired {
            person: roster.members[v as usize].id.clone(),
            reason: UnpairedReason::NoPartnerLeft,
        });
    }
    if settings.shape == GroupShape::SmallGroups {
        drafts = merge_pairs_into_fours(&roster, settings, drafts, &neighbours);
        drafts = split_leftover_pairs(&roster, settings, req.cycle, drafts);
    }
    let groups = render_groups(&roster, req, drafts, &mut unpaired);
    Ok(RoundPlan {
        total_weight: groups.iter().map(|g| g.weight).sum(),
        groups,
        unpaired,
        stats: RoundStats {
            people: req.people.len(),
            candidate_edges: candidates.edges.len(),
            exact: matching.exact,
        },
    })
}

/// Gives every draft its slot; a draft without any possible slot (cannot happen for non-empty
/// groups, but is never dropped silently) is reported member by member.
fn render_groups(
    roster: &Roster,
    req: &RoundRequest,
    drafts: Vec<Draft>,
    unpaired: &mut Vec<Unpaired>,
) -> Vec<Group> {
    let length = i64::from(req.settings.meeting_minutes);
    let mut groups = Vec::with_capacity(drafts.len());
    for d in drafts {
        let ids: Vec<_> = d
            .members
            .iter()
            .map(|&m| roster.members[m as usize].id.clone())
            .collect();
        let Some(choice) = choose_slot(roster, &d.members, length) else {
            unpaired.extend(ids.into_iter().map(|person| Unpaired {
                person,
                reason: UnpairedReason::NoMeetingTime,
            }));
            continue;
        };
        let slot = render_slot(roster, req.cycle, &d.members, &choice, length);
        let mut reasons = d.reasons;
        let off = slot.off_hours_for();
        if !off.is_empty() {
            let names: Vec<String> = off.iter().map(|p| p.0.clone()).collect();
            reasons.push(format!("off-hours for {}", names.join(", ")));
        }
        groups.push(Group {
            members: ids,
            slot,
            weight: d.weight,
            reasons: reasons.join("; "),
        });
    }
    groups.sort_by(|a, b| a.members.cmp(&b.members));
    groups
}

/// The weighted candidate graph the solver sees for a request (for benchmarks and exports):
/// the number of members and the edges with solver weights.
/// With `global`, candidates are searched across the whole circle even when it is large (the
/// graph whose exact optimum the block search is compared with).
pub fn solver_instance(
    req: &RoundRequest,
    global: bool,
) -> Result<(usize, Vec<WeightedEdge>), PairingError> {
    validate(req)?;
    let roster = Roster::prepare(req);
    let candidates = if global {
        build_candidates_global(&roster, &req.settings)
    } else {
        build_candidates(&roster, &req.settings)
    };
    let edges = candidates
        .edges
        .iter()
        .map(|c| (c.a, c.b, solver_weight(req.settings.seed, c)))
        .collect();
    Ok((roster.len(), edges))
}
