//! The same people-ranking queries against SQLite FTS5 and PostgreSQL full-text search: text
//! match with the walls in the query, the 300 best documents, then per-person aggregation with
//! diminishing returns (the peers do not do Hallway's reply join, habit or snippets).

use std::collections::HashMap;
use std::io::Write;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};

use crate::history::Message;
use crate::Query;

const TOP_DOCUMENTS: usize = 300;

/// Keeps the best `limit` people from (author, score) rows, best documents first.
pub fn people_from_rows(rows: &[(i64, f64)], limit: usize) -> Vec<i64> {
    let mut seen: HashMap<i64, (f64, f64)> = HashMap::new();
    for (author, score) in rows {
        let (total, step) = seen.entry(*author).or_insert((0.0, 1.0));
        *total += score * *step;
        *step *= 0.6;
    }
    let mut ranked: Vec<(f64, i64)> = seen.into_iter().map(|(a, (t, _))| (t, a)).collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    ranked.into_iter().take(limit).map(|(_, a)| a).collect()
}

/// SQLite FTS5 (porter stemming) in a file next to Hallway's index.
pub struct Sqlite {
    connection: rusqlite::Connection,
}

impl Sqlite {
    pub fn load(path: &std::path::Path, messages: &[Message]) -> Result<(Sqlite, Duration)> {
        let _ = std::fs::remove_file(path);
        let mut connection = rusqlite::Connection::open(path)?;
        connection.execute_batch(
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;
             CREATE VIRTUAL TABLE docs USING fts5(body, room UNINDEXED, author UNINDEXED, tokenize='porter unicode61');",
        )?;
        let started = Instant::now();
        let transaction = connection.transaction()?;
        {
            let mut insert = transaction
                .prepare("INSERT INTO docs (rowid, body, room, author) VALUES (?1, ?2, ?3, ?4)")?;
            for message in messages {
                insert.execute(rusqlite::params![
                    message.id,
                    message.text,
                    message.room,
                    message.author
                ])?;
            }
        }
        transaction.commit()?;
        Ok((Sqlite { connection }, started.elapsed()))
    }

    pub fn ask(&self, query: &Query) -> Result<Vec<i64>> {
        let words: Vec<String> = query
            .text
            .split_whitespace()
            .map(|w| format!("\"{w}\""))
            .collect();
        let rooms: Vec<String> = query.rooms.iter().map(|r| r.to_string()).collect();
        let sql = format!(
            "SELECT author, -bm25(docs) FROM docs WHERE docs MATCH ?1 AND room IN ({}) ORDER BY rank LIMIT {TOP_DOCUMENTS}",
            rooms.join(",")
        );
        let mut statement = self.connection.prepare_cached(&sql)?;
        let rows = statement
            .query_map([words.join(" OR ")], |row| {
                Ok((row.get::<_, i64>(0)?, row.get::<_, f64>(1)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(people_from_rows(&rows, 10))
    }
}

/// PostgreSQL full-text search (english configuration, GIN index) in its own table.
pub struct Postgres {
    client: postgres::Client,
    table: String,
}

impl Postgres {
    pub fn load(url: &str, messages: &[Message]) -> Result<(Postgres, Duration)> {
        let mut client =
            postgres::Client::connect(url, postgres::NoTls).context("connecting to PostgreSQL")?;
        let table = format!("hallway_memory_bench_{}", std::process::id());
        client.batch_execute(&format!(
            "DROP TABLE IF EXISTS {table};
             CREATE TABLE {table} (id bigint PRIMARY KEY, room bigint NOT NULL, author bigint NOT NULL, body text NOT NULL,
               tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', body)) STORED);"
        ))?;
        let started = Instant::now();
        let mut writer =
            client.copy_in(&format!("COPY {table} (id, room, author, body) FROM STDIN"))?;
        for message in messages {
            writeln!(
                writer,
                "{}\t{}\t{}\t{}",
                message.id, message.room, message.author, message.text
            )?;
        }
        writer.finish()?;
        client.batch_execute(&format!("CREATE INDEX {table}_tsv ON {table} USING gin (tsv); CREATE INDEX {table}_room ON {table} (room); ANALYZE {table};"))?;
        Ok((Postgres { client, table }, started.elapsed()))
    }

    pub fn ask(&mut self, query: &Query) -> Result<Vec<i64>> {
        let words: Vec<&str> = query.text.split_whitespace().collect();
        let sql = format!(
            "SELECT author, ts_rank(tsv, q)::float8 AS r FROM {}, to_tsquery('english', $1) q
             WHERE tsv @@ q AND room = ANY($2) ORDER BY r DESC LIMIT {TOP_DOCUMENTS}",
            self.table
        );
        let rooms: Vec<i64> = query.rooms.clone();
        let rows = self.client.query(&sql, &[&words.join(" | "), &rooms])?;
        let rows: Vec<(i64, f64)> = rows.iter().map(|row| (row.get(0), row.get(1))).collect();
        Ok(people_from_rows(&rows, 10))
    }

    pub fn drop_table(mut self) -> Result<()> {
        self.client
            .batch_execute(&format!("DROP TABLE IF EXISTS {}", self.table))?;
        Ok(())
    }
}
