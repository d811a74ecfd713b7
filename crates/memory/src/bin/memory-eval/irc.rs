//! Reads the annotated #ubuntu IRC logs. Evidence is every chat line, with reply-to inferred the
//! way an IRC importer would (a line addressed "nick: ..." replies to nick's latest line); the
//! hand annotations are used only as ground truth. A question is an annotated line that starts a
//! conversation (no earlier antecedent) and gets replies; the gold answerers wrote those replies.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use chrono::{DateTime, Duration, NaiveDate, Utc};

use crate::corpus::{Corpus, Post, Question};

/// Files start at this many lines per id block, so ids are unique across files.
const LINES_PER_FILE: i64 = 100_000;

struct Line {
    index: i64,
    nick: String,
    text: String,
}

pub fn load(root: &Path) -> Result<Corpus> {
    let mut files: Vec<PathBuf> = Vec::new();
    for split in ["dev", "test"] {
        for entry in
            std::fs::read_dir(root.join(split)).with_context(|| format!("reading {split}"))?
        {
            let path = entry?.path();
            if path.to_string_lossy().ends_with(".ascii.txt") {
                files.push(path);
            }
        }
    }
    files.sort_by_key(|p| p.file_name().map(|n| n.to_os_string()));
    let mut people: HashMap<String, i64> = HashMap::new();
    let mut corpus = Corpus {
        name: "irc-ubuntu".to_string(),
        posts: Vec::new(),
        questions: Vec::new(),
    };
    for (number, path) in files.iter().enumerate() {
        load_file(path, number as i64, &mut people, &mut corpus)?;
    }
    corpus.sort();
    Ok(corpus)
}

fn load_file(
    path: &Path,
    number: i64,
    people: &mut HashMap<String, i64>,
    corpus: &mut Corpus,
) -> Result<()> {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let stem = name.trim_end_matches(".ascii.txt");
    let start = file_start(stem).with_context(|| format!("date in {name}"))?;
    let lines = read_lines(path)?;
    let id_of = |index: i64| number * LINES_PER_FILE + index;
    let at_of = |index: i64| start + Duration::seconds(index);
    let mut person = |nick: &str| {
        let next = people.len() as i64 + 1;
        *people.entry(nick.to_lowercase()).or_insert(next)
    };
    let mut latest_by_nick: HashMap<String, i64> = HashMap::new();
    let mut by_index: BTreeMap<i64, i64> = BTreeMap::new();
    for line in &lines {
        let author = person(&line.nick);
        let reply_to = addressed_nick(&line.text)
            .and_then(|nick| latest_by_nick.get(&nick.to_lowercase()))
            .map(|index| id_of(*index));
        corpus.posts.push(Post {
            id: id_of(line.index),
            author,
            at: at_of(line.index),
            text: line.text.clone(),
            reply_to,
        });
        latest_by_nick.insert(line.nick.to_lowercase(), line.index);
        by_index.insert(line.index, author);
    }
    let annotation = path.with_file_name(format!("{stem}.annotation.txt"));
    let links = read_links(&annotation)?;
    let mut has_antecedent: HashSet<i64> = HashSet::new();
    let mut replies: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    let mut annotated: HashSet<i64> = HashSet::new();
    for (a, b) in links {
        let (parent, child) = (a.min(b), a.max(b));
        annotated.insert(child);
        if parent != child {
            has_antecedent.insert(child);
            replies.entry(parent).or_default().push(child);
        }
    }
    let text_of: HashMap<i64, &Line> = lines.iter().map(|l| (l.index, l)).collect();
    for (parent, children) in replies {
        if !annotated.contains(&parent) || has_antecedent.contains(&parent) {
            continue;
        }
        let (Some(asker), Some(line)) = (by_index.get(&parent), text_of.get(&parent)) else {
            continue;
        };
        let gold: HashSet<i64> = children
            .iter()
            .filter_map(|child| by_index.get(child))
            .filter(|author| *author != asker)
            .copied()
            .collect();
        if !gold.is_empty() {
            corpus.questions.push(Question {
                asker: *asker,
                at: at_of(parent),
                text: line.text.clone(),
                gold,
            });
        }
    }
    Ok(())
}

/// "2004-11-15_03" → that day at 03:00 UTC.
fn file_start(stem: &str) -> Option<DateTime<Utc>> {
    let (date, hour) = stem.split_once('_')?;
    let day = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
    let hour: i64 = hour.parse().ok()?;
    Some(day.and_hms_opt(0, 0, 0)?.and_utc() + Duration::hours(hour))
}

/// Chat lines "[HH:MM] <nick> text" with their 0-based line index; joins, parts and actions are skipped.
fn read_lines(path: &Path) -> Result<Vec<Line>> {
    let raw = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let content = String::from_utf8_lossy(&raw);
    let mut lines = Vec::new();
    for (index, line) in content.lines().enumerate() {
        let Some(rest) = line
            .strip_prefix('[')
            .and_then(|l| l.split_once("] <"))
            .map(|(_, r)| r)
        else {
            continue;
        };
        let Some((nick, text)) = rest.split_once("> ") else {
            continue;
        };
        lines.push(Line {
            index: index as i64,
            nick: nick.to_string(),
            text: text.trim().to_string(),
        });
    }
    Ok(lines)
}

fn read_links(path: &Path) -> Result<Vec<(i64, i64)>> {
    let content =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut links = Vec::new();
    for line in content.lines() {
        let mut parts = line.split_whitespace();
        if let (Some(a), Some(b)) = (parts.next(), parts.next()) {
            links.push((a.parse()?, b.parse()?));
        }
    }
    Ok(links)
}

/// The nick a line is addressed to ("bob: try ..." or "bob, try ..."), if any.
fn addressed_nick(text: &str) -> Option<&str> {
    let end = text.find([':', ','])?;
    let candidate = &text[..end];
    let valid = !candidate.is_empty() && candidate.len() <= 30 && !candidate.contains(' ');
    valid.then_some(candidate)
}
