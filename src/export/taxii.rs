//! TAXII 2.1 envelope: the STIX bundle's objects, ready to `POST` to
//! `{api-root}/collections/{id}/objects/` with `Content-Type: application/taxii+json;version=2.1`.

use serde_json::{json, Value};

use super::{stix, Context, Written};
use crate::error::Error;

pub(super) fn write(ctx: &Context<'_>) -> Result<Written, Error> {
    let bundle = stix::bundle(ctx);
    let objects = bundle.get("objects").cloned().unwrap_or(Value::Array(Vec::new()));
    crate::ser::to_string_pretty(&json!({ "objects": objects }))
        .map(|s| Written::from(s + "\n"))
        .map_err(|e| Error::new("invalid-argument", format!("cannot write the envelope: {e}")))
}
