//! JSON Lines output: one object per line, stable field names (the README documents them).
//!
//! - `search --json`: one object per hit: `{"id","path","title","date","source","url",
//!   "score","snippet":{"text","highlights":[[s,e]…]},"matches":[[s,e]…]}`; offsets are
//!   code points (into the snippet text for `highlights`, into the article text for `matches`).
//! - `extract`: one object per article: `{"path","id","title","quotes":[{"start","end",
//!   "text","speaker","speaker_mention","speaker_title","cue","paragraph"}]}`.
//! - `stats --json`, `index --json`: one object.

use serde::Serialize;
use std::io::Write;

/// Write `value` as one line of JSON.
pub fn line<W: Write, T: Serialize>(out: &mut W, value: &T) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    out.write_all(b"\n")
}
