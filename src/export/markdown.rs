//! Markdown for human review: the TLP label on the first and last lines, the header as a
//! table, then the Tear Sheet's sections in order with the checklist questions as headings.

use super::labels::Labels;
use super::render;
use super::{Context, Written};
use crate::error::Error;
use crate::model::Report;

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace(['\r', '\n'], " ")
}

/// The report as a Markdown document.
pub(crate) fn document(r: &Report, labels: &Labels, unredacted: bool) -> String {
    let level = labels.effective();
    let mut out = format!("**{level}**\n\n# {}\n\n", if r.title.trim().is_empty() { "Untitled report" } else { r.title.trim() });
    if unredacted {
        out.push_str("> **Not redacted.** The sender explicitly exported this report without redaction; it may contain personal data or secrets.\n\n");
    }
    out.push_str("| | |\n|---|---|\n");
    for (k, v) in render::header(r, labels) {
        out.push_str(&format!("| {k} | {} |\n", cell(&v)));
    }
    out.push('\n');
    if !r.summary.trim().is_empty() {
        out.push_str(&format!("{}\n\n", r.summary.trim()));
    }
    for s in render::sections(r, labels) {
        out.push_str(&format!("## {}. {} ({})\n\n", s.number, s.title, s.tlp));
        for e in &s.entries {
            out.push_str(&format!("### {}", e.label));
            if let Some(t) = e.tlp {
                out.push_str(&format!(" ({t})"));
            }
            out.push_str("\n\n");
            for p in &e.text {
                out.push_str(p.trim_end());
                out.push_str("\n\n");
            }
            if !e.items.is_empty() {
                for i in &e.items {
                    out.push_str(&format!("- {}\n", i.replace('\n', " ")));
                }
                out.push('\n');
            }
        }
    }
    out.push_str(&format!("**{level}**\n"));
    out
}

pub(super) fn write(ctx: &Context<'_>) -> Result<Written, Error> {
    Ok(document(ctx.report, ctx.labels, ctx.unredacted).into())
}
