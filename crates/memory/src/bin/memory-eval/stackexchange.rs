//! Reads a Stack Exchange `Posts.xml` dump: questions (title and body) and answers (replies to
//! their question); a question's gold answerer is the author of its accepted answer.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use anyhow::{Context, Result};
use chrono::{DateTime, NaiveDateTime, Utc};
use quick_xml::events::Event;
use quick_xml::Reader;

use crate::corpus::{strip_html, Corpus, Post, Question};

#[derive(Default)]
struct Row {
    id: i64,
    post_type: i64,
    parent: Option<i64>,
    accepted: Option<i64>,
    owner: Option<i64>,
    at: Option<DateTime<Utc>>,
    title: String,
    body: String,
}

pub fn load(path: &Path) -> Result<Corpus> {
    let xml =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut reader = Reader::from_str(&xml);
    let mut rows = Vec::new();
    loop {
        match reader.read_event().context("parsing Posts.xml")? {
            Event::Empty(element) | Event::Start(element) if element.name().as_ref() == b"row" => {
                let mut row = Row::default();
                for attribute in element.attributes() {
                    let attribute = attribute?;
                    let value = attribute.unescape_value()?;
                    match attribute.key.as_ref() {
                        b"Id" => row.id = value.parse()?,
                        b"PostTypeId" => row.post_type = value.parse()?,
                        b"ParentId" => row.parent = value.parse().ok(),
                        b"AcceptedAnswerId" => row.accepted = value.parse().ok(),
                        b"OwnerUserId" => row.owner = value.parse().ok(),
                        b"CreationDate" => row.at = parse_time(&value),
                        b"Title" => row.title = value.into_owned(),
                        b"Body" => row.body = strip_html(&value),
                        _ => {}
                    }
                }
                rows.push(row);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(build(rows))
}

fn parse_time(value: &str) -> Option<DateTime<Utc>> {
    NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M:%S%.f")
        .ok()
        .map(|naive| naive.and_utc())
}

fn build(rows: Vec<Row>) -> Corpus {
    let owner_of: HashMap<i64, i64> = rows
        .iter()
        .filter_map(|row| row.owner.map(|owner| (row.id, owner)))
        .collect();
    let mut corpus = Corpus {
        name: "stackexchange-beer".to_string(),
        posts: Vec::new(),
        questions: Vec::new(),
    };
    for row in rows {
        let (Some(author), Some(at)) = (row.owner, row.at) else {
            continue;
        };
        match row.post_type {
            1 => {
                let text = format!("{}\n{}", row.title, row.body);
                if let Some(answerer) = row.accepted.and_then(|id| owner_of.get(&id)) {
                    if *answerer != author {
                        corpus.questions.push(Question {
                            asker: author,
                            at,
                            text: text.clone(),
                            gold: HashSet::from([*answerer]),
                        });
                    }
                }
                corpus.posts.push(Post {
                    id: row.id,
                    author,
                    at,
                    text,
                    reply_to: None,
                });
            }
            2 => corpus.posts.push(Post {
                id: row.id,
                author,
                at,
                text: row.body,
                reply_to: row.parent,
            }),
            _ => {}
        }
    }
    corpus.sort();
    corpus
}
