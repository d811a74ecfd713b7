//! The evaluation's neutral view of a data set: posts in time order and the questions to ask,
//! each with the people who actually answered it (the ground truth).

use std::collections::HashSet;

use chrono::{DateTime, Utc};

/// One earlier post that can serve as evidence.
#[derive(Debug, Clone)]
pub struct Post {
    pub id: i64,
    pub author: i64,
    pub at: DateTime<Utc>,
    pub text: String,
    pub reply_to: Option<i64>,
}

/// A question asked at `at` by `asker`; `gold` are the people who answered it.
#[derive(Debug, Clone)]
pub struct Question {
    pub asker: i64,
    pub at: DateTime<Utc>,
    pub text: String,
    pub gold: HashSet<i64>,
}

/// A data set ready to replay.
#[derive(Debug, Clone)]
pub struct Corpus {
    pub name: String,
    /// Sorted by time.
    pub posts: Vec<Post>,
    /// Sorted by time.
    pub questions: Vec<Question>,
}

impl Corpus {
    pub fn sort(&mut self) {
        self.posts.sort_by_key(|p| (p.at, p.id));
        self.questions.sort_by_key(|q| q.at);
    }

    /// The early half (for tuning) and the late half (for reporting), split by question time.
    pub fn halves(&self) -> (&[Question], &[Question]) {
        self.questions.split_at(self.questions.len() / 2)
    }
}

/// Removes HTML tags and decodes the few entities Stack Exchange bodies use.
pub fn strip_html(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
}
