//! Reading the per-record numbers (author, room, time, ...) from tantivy's fast fields, both for
//! top-scored hits and for every document a filter query matches.

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

use crate::evidence::EvidenceKind;

/// The numbers of one indexed record.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Row {
    pub address: DocAddress,
    pub kind: EvidenceKind,
    pub id: i64,
    pub room: i64,
    pub author: i64,
    pub time: i64,
    pub reply_to: i64,
    pub helpful: i64,
}

/// The fast-field columns of one segment.
pub(crate) struct SegmentColumns {
    segment: SegmentOrdinal,
    kind: Column<i64>,
    id: Column<i64>,
    room: Column<i64>,
    author: Column<i64>,
    time: Column<i64>,
    reply_to: Column<i64>,
    helpful: Column<i64>,
}

impl SegmentColumns {
    pub(crate) fn open(segment: SegmentOrdinal, reader: &SegmentReader) -> tantivy::Result<Self> {
        let fast = reader.fast_fields();
        Ok(SegmentColumns {
            segment,
            kind: fast.i64("kind")?,
            id: fast.i64("id")?,
            room: fast.i64("room")?,
            author: fast.i64("author")?,
            time: fast.i64("time")?,
            reply_to: fast.i64("reply_to")?,
            helpful: fast.i64("helpful")?,
        })
    }

    pub(crate) fn row(&self, doc: DocId) -> Row {
        let get = |column: &Column<i64>| column.first(doc).unwrap_or_default();
        Row {
            address: DocAddress::new(self.segment, doc),
            kind: EvidenceKind::from_code(get(&self.kind)),
            id: get(&self.id),
            room: get(&self.room),
            author: get(&self.author),
            time: get(&self.time),
            reply_to: get(&self.reply_to),
            helpful: get(&self.helpful),
        }
    }
}

/// Collects the row of every matching document (use only with selective queries).
pub(crate) struct RowCollector;

impl Collector for RowCollector {
    type Fruit = Vec<Row>;
    type Child = RowSegmentCollector;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<RowSegmentCollector> {
        Ok(RowSegmentCollector {
            columns: SegmentColumns::open(segment, reader)?,
            rows: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Vec<Row>>) -> tantivy::Result<Vec<Row>> {
        Ok(fruits.into_iter().flatten().collect())
    }
}

/// Per-segment half of [`RowCollector`].
pub(crate) struct RowSegmentCollector {
    columns: SegmentColumns,
    rows: Vec<Row>,
}

impl SegmentCollector for RowSegmentCollector {
    type Fruit = Vec<Row>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.rows.push(self.columns.row(doc));
    }

    fn harvest(self) -> Vec<Row> {
        self.rows
    }
}
