//! The tantivy schema and the English analyzer shared by indexing, querying and snippets.

use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, INDEXED,
    STORED,
};
use tantivy::tokenizer::{
    Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer,
};
use tantivy::Index;

/// Name under which the English stemming analyzer is registered on every index.
pub(crate) const ANALYZER: &str = "hallway_en";

/// Room value used for evidence that belongs to no room (notes, profile tags): always readable.
pub(crate) const PUBLIC_ROOM: i64 = i64::MIN;

/// `reply_to` value of a message that replies to nothing.
pub(crate) const NO_PARENT: i64 = i64::MIN;

/// Bumped whenever the layout changes; an index with another version must be rebuilt.
pub(crate) const SCHEMA_VERSION: u32 = 4;

/// Seconds per indexed `hour` bucket.
pub(crate) const SECONDS_PER_HOUR: i64 = 3_600;

/// Handles on every field of the index.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fields {
    /// Unique key per record (kind in the top byte, id below), used to replace or delete it.
    pub key: Field,
    /// [`crate::EvidenceKind`] code.
    pub kind: Field,
    /// The store's id of the record.
    pub id: Field,
    /// Room id, or [`PUBLIC_ROOM`].
    pub room: Field,
    /// Author id.
    pub author: Field,
    /// Unix seconds.
    pub time: Field,
    /// Whole hours since the epoch (indexed, so "since when" lookups read few terms).
    pub hour: Field,
    /// Parent message id, or [`NO_PARENT`].
    pub reply_to: Field,
    /// 1 when the message replies to another, else 0.
    pub is_reply: Field,
    /// Helpful reactions.
    pub helpful: Field,
    /// Note title (stored only).
    pub title: Field,
    /// Searchable text (stemmed), stored for snippets.
    pub text: Field,
}

impl Fields {
    /// Builds the schema and returns it with its field handles.
    pub(crate) fn build() -> (Schema, Fields) {
        let mut builder = Schema::builder();
        let fast = || NumericOptions::default().set_fast();
        let searchable = || NumericOptions::default().set_fast().set_indexed();
        let text_indexing = TextFieldIndexing::default()
            .set_tokenizer(ANALYZER)
            .set_index_option(IndexRecordOption::WithFreqs);
        let text_options = TextOptions::default()
            .set_indexing_options(text_indexing)
            .set_stored();
        let fields = Fields {
            key: builder.add_i64_field("key", INDEXED),
            kind: builder.add_i64_field("kind", fast()),
            id: builder.add_i64_field("id", fast()),
            room: builder.add_i64_field("room", fast()),
            author: builder.add_i64_field("author", fast()),
            time: builder.add_i64_field("time", fast()),
            hour: builder.add_i64_field("hour", INDEXED),
            reply_to: builder.add_i64_field("reply_to", searchable()),
            is_reply: builder.add_i64_field("is_reply", INDEXED),
            helpful: builder.add_i64_field("helpful", fast()),
            title: builder.add_text_field("title", STORED),
            text: builder.add_text_field("text", text_options),
        };
        (builder.build(), fields)
    }

    /// Finds the fields of an existing index, failing if its layout is not this one.
    pub(crate) fn of(schema: &Schema) -> Option<Fields> {
        let get = |name: &str| schema.get_field(name).ok();
        Some(Fields {
            key: get("key")?,
            kind: get("kind")?,
            id: get("id")?,
            room: get("room")?,
            author: get("author")?,
            time: get("time")?,
            hour: get("hour")?,
            reply_to: get("reply_to")?,
            is_reply: get("is_reply")?,
            helpful: get("helpful")?,
            title: get("title")?,
            text: get("text")?,
        })
    }
}

/// Lower-cased, English-stemmed words ("encrypting" and "encryption" share a stem).
pub(crate) fn english_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(Stemmer::new(Language::English))
        .build()
}

/// Registers the analyzer on an index (needed after every open).
pub(crate) fn register_analyzer(index: &Index) {
    index.tokenizers().register(ANALYZER, english_analyzer());
}

/// Splits text into the stems the index uses, in order, duplicates kept.
pub(crate) fn stems(text: &str) -> Vec<String> {
    let mut analyzer = english_analyzer();
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}
