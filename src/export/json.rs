//! The canonical labelled report: the report itself with its TLP labels written canonically
//! (`tlp:amber` → `TLP:AMBER`) and the report's label raised to its effective level, so that a
//! recipient reading only `tlp` is never told less than the strictest part says.

use super::{Context, Written};
use crate::error::Error;

pub(super) fn write(ctx: &Context<'_>) -> Result<Written, Error> {
    let mut report = ctx.report.clone();
    report.tlp = ctx.labels.effective().label().to_string();
    for (m, (path, tlp)) in report.markings.iter_mut().zip(&ctx.labels.markings) {
        m.path = path.clone();
        m.tlp = tlp.label().to_string();
    }
    crate::ser::to_string_pretty(&report)
        .map(|s| Written::from(s + "\n"))
        .map_err(|e| Error::new("invalid-argument", format!("cannot write the report: {e}")))
}
