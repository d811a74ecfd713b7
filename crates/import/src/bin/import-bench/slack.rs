//! A synthetic Slack workspace export zip shaped like a real one: `people` users (display
//! name often empty, as in Slack), public channels (one per ten people), private groups,
//! group DMs and DMs, with message counts per conversation heavy-tailed (a few busy
//! channels, many quiet ones) over three years, one `YYYY-MM-DD.json` per conversation-day.
//! Messages carry Slack's usual fields (`client_msg_id`, `team`, `user_profile`, `blocks`);
//! about a third are thread replies, 12% mention someone, 15% have reactions, some have
//! links, files, `&amp;`; joins and bot messages (not counted in `n`) are sprinkled in.

use std::error::Error;
use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use chrono::DateTime;
use zip::write::SimpleFileOptions;

use super::slack_text::{escaped, reactions, text, Rng, FIRST, LAST, TOPICS};

type Zip = zip::ZipWriter<BufWriter<File>>;

/// The first day of the history (2021-01-04) and its length.
const START: i64 = 1_609_718_400;
const DAYS: i64 = 3 * 365;
const TEAM: &str = "T0HALLWAY";

struct Person {
    id: String,
    name: String,
    real_name: String,
}

struct Conversation {
    id: String,
    /// The folder: the name, or the id for DMs.
    folder: String,
    name: String,
    members: Vec<usize>,
    messages: usize,
}

/// Writes the export to `path`: `n` importable messages by `people` people.
pub fn write(path: &Path, n: usize, people: usize) -> Result<(), Box<dyn Error>> {
    let mut rng = Rng::new(0x5EED);
    let mut zip = zip::ZipWriter::new(BufWriter::new(File::create(path)?));
    let people = write_users(&mut zip, &mut rng, people.max(2))?;
    let conversations = write_conversations(&mut zip, &mut rng, &people, n)?;
    for c in &conversations {
        write_days(&mut zip, &mut rng, c, &people, &conversations[0])?;
    }
    zip.finish()?.flush()?;
    Ok(())
}

fn options() -> SimpleFileOptions {
    SimpleFileOptions::default()
}

fn write_users(zip: &mut Zip, rng: &mut Rng, n: usize) -> Result<Vec<Person>, Box<dyn Error>> {
    let mut people = Vec::with_capacity(n);
    let mut json = String::from("[");
    for i in 0..n {
        let (first, last) = (rng.pick(FIRST), rng.pick(LAST));
        let ascii = |s: &str| -> String {
            s.chars()
                .filter(char::is_ascii_alphabetic)
                .collect::<String>()
                .to_lowercase()
        };
        let person = Person {
            id: format!("U{:08X}", 0x1000_0000 + i * 7_919),
            name: format!("{}.{}{i}", ascii(first), ascii(last)),
            real_name: format!("{first} {last}"),
        };
        let display = if rng.chance(0.3) { "" } else { first };
        let sep = if i == 0 { "" } else { "," };
        write!(
            json,
            r#"{sep}{{"id":"{id}","team_id":"{TEAM}","name":"{name}","deleted":false,"real_name":"{real}","tz":"Europe/Berlin","profile":{{"title":"{topic} engineer","real_name":"{real}","display_name":"{display}","email":"{name}@example.org","image_72":"https://avatars.example.org/{id}_72.png","team":"{TEAM}"}},"is_admin":false,"is_bot":false,"updated":1609718400}}"#,
            id = person.id,
            name = person.name,
            real = person.real_name,
            topic = rng.pick(TOPICS),
        )?;
        people.push(person);
    }
    json.push(']');
    zip.start_file("users.json", options())?;
    zip.write_all(json.as_bytes())?;
    Ok(people)
}

/// Public channels (people / 10), private groups (/ 100), group DMs (/ 200) and DMs (/ 20);
/// their `n` messages shared out heavy-tailed, DMs and group DMs quieter.
fn write_conversations(
    zip: &mut Zip,
    rng: &mut Rng,
    people: &[Person],
    n: usize,
) -> Result<Vec<Conversation>, Box<dyn Error>> {
    let p = people.len();
    let kinds = [
        ("channels.json", 'C', (p / 10).max(1), 1.0),
        ("groups.json", 'G', (p / 100).max(1), 1.0),
        ("mpims.json", 'G', (p / 200).max(1), 0.2),
        ("dms.json", 'D', (p / 20).max(1), 0.2),
    ];
    let mut all = Vec::new();
    let mut weights = Vec::new();
    for (k, &(_, letter, count, scale)) in kinds.iter().enumerate() {
        for i in 0..count {
            let id = format!("{letter}{:08X}", 0x2000_0000 + k * 0x10_0000 + i * 104_729);
            let name = match k {
                0 if i == 0 => "general".to_owned(),
                0 | 1 => format!("{}-{}-{i}", rng.pick(TOPICS), rng.pick(TOPICS)),
                _ => String::new(),
            };
            all.push((k, id, name));
            weights.push(scale * rng.unit().powf(-0.7));
        }
    }
    let total: f64 = weights.iter().sum();
    let mut counts: Vec<usize> = weights
        .iter()
        .map(|w| (n as f64 * w / total) as usize)
        .collect();
    let short = n - counts.iter().sum::<usize>();
    counts[0] += short;
    let mut pool: Vec<usize> = (0..p).collect();
    let mut conversations = Vec::with_capacity(all.len());
    let mut lists = vec![String::from("["); kinds.len()];
    for ((k, id, mut name), messages) in all.into_iter().zip(counts) {
        let size = match k {
            0 => (3 + messages / 40).min(p),
            1 => (3 + rng.below(30)).min(p),
            2 => (3 + rng.below(6)).min(p),
            _ => 2,
        };
        for i in 0..size {
            let j = i + rng.below(p - i);
            pool.swap(i, j);
        }
        let members = pool[..size].to_vec();
        if k == 2 {
            let names: Vec<&str> = members.iter().map(|&m| people[m].name.as_str()).collect();
            name = format!("mpdm-{}-1", names.join("--"));
        }
        let member_ids: Vec<String> = members
            .iter()
            .map(|&m| format!("\"{}\"", people[m].id))
            .collect();
        let list = &mut lists[k];
        if list.len() > 1 {
            list.push(',');
        }
        let creator = &people[members[0]].id;
        if k == 3 {
            write!(
                list,
                r#"{{"id":"{id}","created":{START},"members":[{}]}}"#,
                member_ids.join(",")
            )?;
        } else {
            let topic = format!("All things {}", rng.pick(TOPICS));
            write!(
                list,
                r#"{{"id":"{id}","name":"{name}","created":{START},"creator":"{creator}","is_archived":false,"is_general":{},"members":[{}],"topic":{{"value":"{topic}","creator":"{creator}","last_set":{START}}},"purpose":{{"value":"","creator":"","last_set":0}}}}"#,
                name == "general",
                member_ids.join(",")
            )?;
        }
        let folder = if k == 3 { id.clone() } else { name.clone() };
        conversations.push(Conversation {
            id,
            folder,
            name,
            members,
            messages,
        });
    }
    for ((file, ..), mut list) in kinds.iter().zip(lists) {
        list.push(']');
        zip.start_file(*file, options())?;
        zip.write_all(list.as_bytes())?;
    }
    Ok(conversations)
}

/// The conversation's messages, spread evenly from a random first day to the last one.
fn write_days(
    zip: &mut Zip,
    rng: &mut Rng,
    c: &Conversation,
    people: &[Person],
    general: &Conversation,
) -> Result<(), Box<dyn Error>> {
    let first_day = rng.below(DAYS as usize * 2 / 3) as i64;
    let span = (DAYS - first_day) * 86_400;
    let mut roots: Vec<String> = Vec::new();
    let mut day = String::new();
    let mut file = String::new();
    let m = c.members.len();
    let member = |rng: &mut Rng| {
        let skewed = (m as f64 * rng.unit().powi(2)) as usize;
        &people[c.members[skewed.min(m - 1)]]
    };
    for i in 0..c.messages {
        let secs = START + first_day * 86_400 + (i as i64 * span) / c.messages as i64;
        let ts = format!("{secs}.{:06}", i % 1_000_000);
        let date = DateTime::from_timestamp(secs, 0)
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default();
        if date != day {
            flush(zip, c, &day, &mut file)?;
            day = date;
        }
        if rng.chance(0.005) {
            let who = member(rng);
            let sep = if file.is_empty() { "" } else { "," };
            write!(
                file,
                r#"{sep}{{"type":"message","subtype":"channel_join","ts":"{secs}.999999","user":"{}","text":"<@{}> has joined the channel"}}"#,
                who.id, who.id
            )?;
        }
        if rng.chance(0.003) {
            write!(
                file,
                r#"{}{{"type":"message","subtype":"bot_message","ts":"{secs}.999998","bot_id":"B0CI","username":"ci","text":"Build #{i} passed"}}"#,
                if file.is_empty() { "" } else { "," }
            )?;
        }
        let author = member(rng);
        let mention = member(rng).id.clone();
        let body = text(rng, &mention, (&general.id, &general.name));
        let mut extra = String::new();
        if !roots.is_empty() && rng.chance(0.35) {
            let back = (roots.len() as f64 * rng.unit().powi(3)) as usize;
            let root = &roots[roots.len() - 1 - back.min(roots.len() - 1)];
            write!(
                extra,
                r#","thread_ts":"{root}","parent_user_id":"{}""#,
                author.id
            )?;
            if rng.chance(0.02) {
                extra.push_str(r#","subtype":"thread_broadcast""#);
            }
        } else if rng.chance(0.4) {
            write!(extra, r#","thread_ts":"{ts}","reply_count":1"#)?;
            roots.push(ts.clone());
            if roots.len() > 8 {
                roots.remove(0);
            }
        } else if rng.chance(0.02) {
            write!(
                extra,
                r#","subtype":"file_share","files":[{{"id":"F{i:08}","name":"screenshot-{i}.png","title":"Screenshot {i}","mimetype":"image/png","size":{}}}]"#,
                10_000 + rng.below(500_000)
            )?;
        }
        extra.push_str(&reactions(rng, &mut |rng| member(rng).id.clone()));
        let sep = if file.is_empty() { "" } else { "," };
        let body = escaped(&body);
        write!(
            file,
            r#"{sep}{{"client_msg_id":"{:08x}-{i:04x}-4000-8000-{:012x}","type":"message","text":"{body}","user":"{id}","ts":"{ts}","team":"{TEAM}","user_team":"{TEAM}","source_team":"{TEAM}","user_profile":{{"avatar_hash":"g{:x}","image_72":"https://avatars.example.org/{id}_72.png","first_name":"{first}","real_name":"{real}","display_name":"","team":"{TEAM}","name":"{name}","is_restricted":false,"is_ultra_restricted":false}},"blocks":[{{"type":"rich_text","block_id":"b{i}","elements":[{{"type":"rich_text_section","elements":[{{"type":"text","text":"{body}"}}]}}]}}]{extra}}}"#,
            rng.next() as u32,
            rng.next() & 0xFFFF_FFFF_FFFF,
            rng.next() as u32,
            id = author.id,
            real = author.real_name,
            first = author.real_name.split(' ').next().unwrap_or(""),
            name = author.name,
        )?;
    }
    flush(zip, c, &day, &mut file)
}

fn flush(
    zip: &mut Zip,
    c: &Conversation,
    day: &str,
    file: &mut String,
) -> Result<(), Box<dyn Error>> {
    if file.is_empty() {
        return Ok(());
    }
    zip.start_file(format!("{}/{day}.json", c.folder), options())?;
    zip.write_all(b"[")?;
    zip.write_all(file.as_bytes())?;
    zip.write_all(b"]")?;
    file.clear();
    Ok(())
}
