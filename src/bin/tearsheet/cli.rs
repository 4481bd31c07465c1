//! The commands, their options and the exit-code contract.

use std::io::{Read, Write};
use std::process::ExitCode;

use tearsheet::{checklist, export, finding, limits, profile::Profile, validate, Error, Options, Timestamp};

/// Parsed command-line options shared by the commands.
struct Args {
    input: Option<String>,
    profile: Option<String>,
    now: Option<String>,
    pretty: bool,
    format: Option<String>,
    destination: Option<String>,
    allow_unredacted: bool,
    /// `redact --key HEX`: HMAC key for the `hash` action.
    key: Option<String>,
    /// `redact --action mask|hash|remove`.
    action: Option<String>,
    /// `--threads N`: the most threads a scan may use (default: one per core).
    threads: Option<usize>,
}

/// What a command produced: the JSON to print and the exit code.
struct Outcome {
    json: serde_json::Value,
    code: u8,
}

type Command = fn(&Args) -> Result<Outcome, Error>;

/// Every command: name, one-line help, handler.
const COMMANDS: &[(&str, &str, Command)] = &[
    ("validate", "validate [FILE|-] [--profile P] [--now RFC3339]   check a report: checklist, completeness, findings", cmd_validate),
    ("checklist", "checklist [--profile P]                           the Tear Sheet points as JSON", cmd_checklist),
    ("schema", "schema [report|api]                               JSON Schema (2020-12) of a report, or of every API type", cmd_schema),
    ("profile", "profile [--profile P]                             a profile, resolved (built-in name or JSON file)", cmd_profile),
    ("scan", "scan [FILE|-]                                     spans of personal data, secrets and indicators in plain text (byte offsets)", cmd_scan),
    ("redact", "redact [FILE|-] [--key HEX] [--action mask|hash|remove] [--profile P]   redact a report: {report, redactions}", cmd_redact),
    ("codes", "codes                                             every finding and error code", cmd_codes),
    ("export", "export [FILE|-] --format F [--profile P] [--destination ID] [--allow-unredacted]\n                                                    the report as json|stix|taxii|misp|email|markdown (body on stdout)", cmd_export),
    ("lint-stix", "lint-stix [FILE|-]                                TLP problems in a STIX 2.1 bundle from any tool (findings JSON)", cmd_lint_stix),
];

fn usage() -> String {
    let mut s = String::from("usage: tearsheet <command> [options]\n\ncommands:\n");
    for (_, help, _) in COMMANDS {
        s.push_str(&format!("  tearsheet {help}\n"));
    }
    s.push_str("\noptions:\n  --profile P   built-in profile name (jcdc-ai, circia, open) or a JSON file\n  --now T       the clock for reporting deadlines (default: the system clock)\n  --pretty      indent the JSON output\n  --format F    export format: json, stix, taxii, misp, email, markdown\n  --destination ID   a destination of the profile; its TLP rules are checked\n  --allow-unredacted export a report that was not redacted (recorded in the output)\n  --threads N   the most threads a scan of a long text may use (default: one per core; same results)\n");
    s
}

fn parse_args(args: &[String]) -> Result<Args, Error> {
    let mut out = Args { input: None, profile: None, now: None, pretty: false, format: None, destination: None, allow_unredacted: false, key: None, action: None, threads: None };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |name: &str| {
            it.next().cloned().ok_or_else(|| Error::new("invalid-argument", format!("{name} needs a value")))
        };
        match a.as_str() {
            "--profile" | "-p" => out.profile = Some(value("--profile")?),
            "--now" => out.now = Some(value("--now")?),
            "--pretty" => out.pretty = true,
            "--format" | "-f" => out.format = Some(value("--format")?),
            "--destination" | "-d" => out.destination = Some(value("--destination")?),
            "--allow-unredacted" => out.allow_unredacted = true,
            s if s.starts_with("--format=") => out.format = Some(s["--format=".len()..].to_string()),
            s if s.starts_with("--destination=") => out.destination = Some(s["--destination=".len()..].to_string()),
            "--threads" => out.threads = Some(threads(&value("--threads")?)?),
            s if s.starts_with("--threads=") => out.threads = Some(threads(&s["--threads=".len()..])?),
            "--key" => out.key = Some(value("--key")?),
            "--action" => out.action = Some(value("--action")?),
            s if s.starts_with("--key=") => out.key = Some(s["--key=".len()..].to_string()),
            s if s.starts_with("--action=") => out.action = Some(s["--action=".len()..].to_string()),
            s if s.starts_with("--profile=") => out.profile = Some(s["--profile=".len()..].to_string()),
            s if s.starts_with("--now=") => out.now = Some(s["--now=".len()..].to_string()),
            s if s.starts_with('-') && s != "-" => return Err(Error::new("invalid-argument", format!("unknown option {s}\n{}", usage()))),
            s if out.input.is_none() => out.input = Some(s.to_string()),
            s => return Err(Error::new("invalid-argument", format!("unexpected argument {s}"))),
        }
    }
    Ok(out)
}

/// `--threads N`: a whole number of at least 1.
fn threads(s: &str) -> Result<usize, Error> {
    s.parse().ok().filter(|&n| n >= 1).ok_or_else(|| Error::new("invalid-argument", format!("--threads `{s}` is not a number of threads (1 or more)")))
}

/// Reads the input file (or stdin), never more than the input limit plus one byte.
fn read_input(input: Option<&str>) -> Result<Vec<u8>, Error> {
    let mut buf = Vec::new();
    let limit = limits::MAX_INPUT_BYTES as u64 + 1;
    let res = match input {
        None | Some("-") => std::io::stdin().lock().take(limit).read_to_end(&mut buf),
        Some(path) => std::fs::File::open(path)
            .map_err(|e| Error::new("io-error", format!("cannot open {path}: {e}")))?
            .take(limit)
            .read_to_end(&mut buf),
    };
    res.map_err(|e| Error::new("io-error", format!("cannot read input: {e}")))?;
    Ok(buf)
}

fn load_profile(arg: Option<&str>) -> Result<Profile, Error> {
    match arg {
        None => Ok(Profile::default_profile()),
        Some(p) if p.ends_with(".json") || std::path::Path::new(p).is_file() => {
            let bytes = std::fs::read(p).map_err(|e| Error::new("io-error", format!("cannot read profile {p}: {e}")))?;
            Profile::from_json(&bytes)
        }
        Some(p) => Profile::from_name_or_json(p),
    }
}

fn system_now() -> Timestamp {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    Timestamp { seconds: i64::try_from(secs).unwrap_or(i64::MAX), nanos: 0 }
}

fn to_json<T: serde::Serialize>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).unwrap_or(serde_json::Value::Null)
}

fn cmd_validate(args: &Args) -> Result<Outcome, Error> {
    let profile = load_profile(args.profile.as_deref())?;
    let now = match &args.now {
        Some(s) => Timestamp::parse(s).ok_or_else(|| Error::new("invalid-argument", format!("--now `{s}` is not an RFC 3339 timestamp")))?,
        None => system_now(),
    };
    let bytes = read_input(args.input.as_deref())?;
    let v = validate::validate_bytes(&bytes, &profile, Options { now: Some(now) })?;
    Ok(Outcome { code: if v.valid { 0 } else { 1 }, json: to_json(&v) })
}

fn cmd_checklist(args: &Args) -> Result<Outcome, Error> {
    let profile = load_profile(args.profile.as_deref())?;
    let points: Vec<serde_json::Value> = checklist::POINTS
        .iter()
        .map(|p| {
            let mut v = to_json(p);
            v["required"] = profile.requires(p.id).into();
            v
        })
        .collect();
    Ok(Outcome { code: 0, json: points.into() })
}

fn cmd_schema(args: &Args) -> Result<Outcome, Error> {
    let json = match args.input.as_deref() {
        None | Some("report") => tearsheet::schema::report_schema(),
        Some("api") => tearsheet::schema::api_schemas(),
        Some(other) => return Err(Error::new("invalid-argument", format!("schema `{other}`: use `report` (default) or `api`"))),
    };
    Ok(Outcome { code: 0, json })
}

fn cmd_profile(args: &Args) -> Result<Outcome, Error> {
    Ok(Outcome { code: 0, json: to_json(&load_profile(args.profile.as_deref())?) })
}

fn cmd_scan(args: &Args) -> Result<Outcome, Error> {
    let bytes = read_input(args.input.as_deref())?;
    if bytes.len() > limits::MAX_INPUT_BYTES {
        return Err(Error::new("input-too-large", format!("the input is larger than {} bytes", limits::MAX_INPUT_BYTES)));
    }
    let text = std::str::from_utf8(&bytes).map_err(|e| Error::new("input-not-utf8", format!("the input is not UTF-8 (byte {})", e.valid_up_to())))?;
    Ok(Outcome { code: 0, json: to_json(&tearsheet::redact::scan(text)) })
}

fn hex_key(s: &str) -> Result<Vec<u8>, Error> {
    let bad = || Error::new("invalid-argument", "--key must be an even number of hexadecimal digits (at least 32, i.e. 16 bytes)");
    if s.len() % 2 != 0 || s.len() < 32 {
        return Err(bad());
    }
    (0..s.len()).step_by(2).map(|i| s.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok()).ok_or_else(bad)).collect()
}

fn cmd_redact(args: &Args) -> Result<Outcome, Error> {
    use tearsheet::redact::{redact, Action, RedactOptions};
    let profile = load_profile(args.profile.as_deref())?;
    let action = match args.action.as_deref() {
        None => None,
        Some(a) => match Action::parse(a) {
            Some(Action::Keep) | None => return Err(Error::new("invalid-argument", format!("--action `{a}`: use mask, hash or remove"))),
            some => some,
        },
    };
    let key = match &args.key {
        Some(k) => hex_key(k)?,
        None => {
            // A fresh random key: pseudonyms correlate within this output only; never printed.
            let mut k = vec![0u8; 32];
            getrandom::getrandom(&mut k).map_err(|e| Error::new("io-error", format!("no randomness from the OS for the hash key: {e}")))?;
            k
        }
    };
    let bytes = read_input(args.input.as_deref())?;
    let parsed = tearsheet::parse_report(&bytes)?;
    let out = redact(&parsed.value, &profile.redaction, &RedactOptions { key, action, ..Default::default() })?;
    // 1 if a re-scan still finds something the policy redacts (it should not happen).
    let clean = tearsheet::redact::residual(&out.report, &profile.redaction).is_empty();
    Ok(Outcome { code: if clean { 0 } else { 1 }, json: serde_json::json!({ "report": to_json(&out.report), "redactions": to_json(&out.log()) }) })
}

fn cmd_codes(_: &Args) -> Result<Outcome, Error> {
    let errors: Vec<serde_json::Value> =
        tearsheet::error::ERROR_CODES.iter().map(|(c, s)| serde_json::json!({"code": c, "summary": s})).collect();
    Ok(Outcome { code: 0, json: serde_json::json!({ "findings": to_json(&finding::CODES), "errors": errors }) })
}

fn cmd_export(args: &Args) -> Result<Outcome, Error> {
    let format: export::Format = args
        .format
        .as_deref()
        .ok_or_else(|| Error::new("invalid-argument", format!("export needs --format ({})", export::Format::names().join(", "))))?
        .parse()?;
    let profile = load_profile(args.profile.as_deref())?;
    let bytes = read_input(args.input.as_deref())?;
    let report = tearsheet::parse_report(&bytes)?.value;
    let options = export::ExportOptions { destination: args.destination.clone(), allow_unredacted: args.allow_unredacted };
    let exported = export::export(&report, &profile, format, &options)?;
    // The body is the output, not JSON about it: print it as is and print nothing else.
    let _ = std::io::stdout().lock().write_all(exported.body.as_bytes());
    Ok(Outcome { code: 0, json: serde_json::Value::Null })
}

fn cmd_lint_stix(args: &Args) -> Result<Outcome, Error> {
    let findings = export::lint_stix(&read_input(args.input.as_deref())?)?;
    let errors = findings.iter().any(|f| f.severity == tearsheet::Severity::Error);
    Ok(Outcome { code: u8::from(errors), json: serde_json::json!({ "valid": !errors, "findings": to_json(&findings) }) })
}

pub fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let Some((name, rest)) = argv.split_first() else {
        eprint!("{}", usage());
        return ExitCode::from(2);
    };
    if matches!(name.as_str(), "-h" | "--help" | "help") {
        print!("{}", usage());
        return ExitCode::SUCCESS;
    }
    let Some((_, _, command)) = COMMANDS.iter().find(|(n, _, _)| n == name) else {
        eprint!("tearsheet: unknown command `{name}`\n\n{}", usage());
        return ExitCode::from(2);
    };
    let result = parse_args(rest).and_then(|args| {
        if let Some(n) = args.threads {
            tearsheet::redact::limit_threads(n);
        }
        command(&args).map(|o| (o, args.pretty))
    });
    match result {
        Ok((outcome, _)) if outcome.json.is_null() => ExitCode::from(outcome.code), // wrote its own output
        Ok((outcome, pretty)) => {
            let text = if pretty { serde_json::to_string_pretty(&outcome.json) } else { serde_json::to_string(&outcome.json) };
            let mut out = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error worth a panic.
            let _ = writeln!(out, "{}", text.unwrap_or_default());
            ExitCode::from(outcome.code)
        }
        Err(e) => {
            eprintln!("{}", serde_json::to_string(&e).unwrap_or_else(|_| e.to_string()));
            ExitCode::from(2)
        }
    }
}
