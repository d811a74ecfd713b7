//! A generated team history: people with a few favourite topics each, rooms, threads, and
//! Zipf-distributed words, so term statistics look like real chat rather than uniform noise.

use chrono::{DateTime, Duration, TimeZone, Utc};
use rand::distributions::{Distribution, WeightedIndex};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// One generated message.
pub struct Message {
    pub id: i64,
    pub room: i64,
    pub author: i64,
    pub at: DateTime<Utc>,
    pub text: String,
    pub reply_to: Option<i64>,
}

/// The generator's settings.
pub struct Shape {
    pub messages: usize,
    pub people: usize,
    pub rooms: usize,
    pub topics: usize,
    pub words_per_topic: usize,
    pub common_words: usize,
}

/// The vocabulary: a shared pool of common words and a pool per topic.
pub struct Vocabulary {
    common: Vec<String>,
    topics: Vec<Vec<String>>,
    common_zipf: WeightedIndex<f64>,
    topic_zipf: WeightedIndex<f64>,
}

fn syllable_word(rng: &mut ChaCha8Rng) -> String {
    const SYLLABLES: [&str; 24] = [
        "ka", "ro", "mi", "te", "lu", "sa", "ne", "po", "di", "gra", "ven", "tor", "ux", "qi",
        "bel", "cor", "dan", "est", "fy", "hul", "ing", "jo", "lyn", "mar",
    ];
    let length = rng.gen_range(2..=4);
    (0..length)
        .map(|_| SYLLABLES[rng.gen_range(0..SYLLABLES.len())])
        .collect()
}

fn zipf(n: usize) -> Result<WeightedIndex<f64>, rand::distributions::WeightedError> {
    WeightedIndex::new((1..=n).map(|rank| 1.0 / rank as f64))
}

impl Vocabulary {
    pub fn new(shape: &Shape, rng: &mut ChaCha8Rng) -> anyhow::Result<Vocabulary> {
        Ok(Vocabulary {
            common: (0..shape.common_words)
                .map(|_| syllable_word(rng))
                .collect(),
            topics: (0..shape.topics)
                .map(|_| {
                    (0..shape.words_per_topic)
                        .map(|_| syllable_word(rng))
                        .collect()
                })
                .collect(),
            common_zipf: zipf(shape.common_words)?,
            topic_zipf: zipf(shape.words_per_topic)?,
        })
    }

    /// A sentence of `length` words, about a third of them from `topic`.
    pub fn sentence(&self, topic: usize, length: usize, rng: &mut ChaCha8Rng) -> String {
        let mut words = Vec::with_capacity(length);
        for _ in 0..length {
            let word = if rng.gen_bool(0.35) {
                &self.topics[topic][self.topic_zipf.sample(rng)]
            } else {
                &self.common[self.common_zipf.sample(rng)]
            };
            words.push(word.as_str());
        }
        words.join(" ")
    }

    /// A question: a few topic words and a few common ones.
    pub fn question(&self, topic: usize, rng: &mut ChaCha8Rng) -> String {
        let mut words: Vec<&str> = (0..rng.gen_range(3..=5))
            .map(|_| self.topics[topic][self.topic_zipf.sample(rng)].as_str())
            .collect();
        words.extend(
            (0..rng.gen_range(2..=4)).map(|_| self.common[self.common_zipf.sample(rng)].as_str()),
        );
        words.join(" ")
    }
}

/// Generates the history deterministically from `seed`.
pub fn generate(shape: &Shape, seed: u64) -> anyhow::Result<(Vocabulary, Vec<Message>)> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let vocabulary = Vocabulary::new(shape, &mut rng)?;
    let interests: Vec<[usize; 3]> = (0..shape.people)
        .map(|_| [0; 3].map(|_| rng.gen_range(0..shape.topics)))
        .collect();
    let activity = zipf(shape.people)?;
    let start = Utc
        .with_ymd_and_hms(2023, 1, 1, 0, 0, 0)
        .single()
        .unwrap_or_default();
    let step_seconds = (3 * 365 * 86_400 / shape.messages.max(1)).max(1) as i64;
    let mut recent_by_room: Vec<Vec<i64>> = vec![Vec::new(); shape.rooms];
    let mut messages = Vec::with_capacity(shape.messages);
    for number in 0..shape.messages {
        let author = activity.sample(&mut rng);
        let topic = interests[author][rng.gen_range(0..3)];
        let room = (topic * 7 + rng.gen_range(0..3)) % shape.rooms;
        let id = number as i64 + 1;
        let recent = &mut recent_by_room[room];
        let reply_to = (!recent.is_empty() && rng.gen_bool(0.4))
            .then(|| recent[rng.gen_range(0..recent.len())]);
        recent.push(id);
        if recent.len() > 20 {
            recent.remove(0);
        }
        messages.push(Message {
            id,
            room: room as i64,
            author: author as i64,
            at: start + Duration::seconds(step_seconds * number as i64),
            text: vocabulary.sentence(topic, rng.gen_range(6..=24), &mut rng),
            reply_to,
        });
    }
    Ok((vocabulary, messages))
}
