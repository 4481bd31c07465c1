//! The mounted report form: the view (DOM built from [`crate::form::FORM`]) and a thin
//! controller that turns DOM events into [`Msg`]s for the pure [`FormState`], saves the draft,
//! validates (debounced) and sends.
//!
//! Listeners are delegated: a handful of gloo [`EventListener`]s on the widget's root, owned
//! by the widget, read `data-ts-path` / `data-ts-action` from the event target. Adding rows
//! adds no listener, and dropping the widget removes every listener (no `Closure::forget`).

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::{Rc, Weak};

use gloo_events::EventListener;
use gloo_storage::{LocalStorage, Storage};
use gloo_timers::callback::Timeout;
use serde_json::{json, Value};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Document, Element, Event};

use super::dom::{self, attrs, button, el, text_el, Add, Built, Node, Tree};
use super::options::Options;
use super::review;
use crate::finding::Severity;
use crate::form::{self, anchor_for, control_id, Field, FormState, Kind, Msg, FORM};
use crate::tlp::TLP_LEVELS;
use crate::validate::Validation;

/// Groups of [`FORM`] rendered before the first frame: the report header and the first section
/// (what fills the first screen); the rest follow right after it.
const FIRST_GROUPS: usize = 2;

thread_local! {
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
}

/// A widget shared between its handle and its listeners (which hold only `Weak` references,
/// so dropping the handle's `Rc` drops everything).
pub type Shared = Rc<RefCell<Widget>>;

/// One mounted form.
pub struct Widget {
    doc: Document,
    host: Element,
    root: Element,
    prefix: String,
    /// Decoded options.
    pub opts: Options,
    /// The draft.
    pub state: FormState,
    controls: HashMap<String, Element>,
    marked: Vec<String>,
    meters: Vec<(&'static str, Element, Element)>,
    overall: (Element, Element),
    summary: Element,
    status: Element,
    clock: Element,
    banners: Vec<Element>,
    form_el: Element,
    review_el: Element,
    preview: Element,
    send_status: Element,
    listeners: Vec<EventListener>,
    timer: Option<Timeout>,
    /// The rest of the form, rendered after the first frame (see [`Widget::mount`]): the
    /// animation frame requested (its id and callback) and then the task it queued.
    rest: Option<(i32, Closure<dyn FnMut()>)>,
    rest_task: Option<Timeout>,
    sending: bool,
    /// The last validation, for the review step and the host page.
    pub last: Option<Validation>,
    key: Vec<u8>,
    me: Weak<RefCell<Widget>>,
    spans_el: Element,
    /// Detected spans the user chose to keep (recorded in the redaction log as kept).
    pub keep: Vec<crate::redact::SpanRef>,
    /// Text the user selected to redact by hand.
    pub extra: Vec<crate::redact::SpanRef>,
}

impl Widget {
    /// Builds the form inside `host` and wires it.
    pub fn mount(host: Element, options: &JsValue) -> Result<Shared, JsValue> {
        let doc = dom::document()?;
        let n = NEXT_ID.with(|c| {
            let n = c.get();
            c.set(n + 1);
            n
        });
        let prefix = format!("ts{n}-");
        let path = web_sys::window().and_then(|w| w.location().pathname().ok()).unwrap_or_default();
        let opts = Options::from_js(options, format!("tearsheet:draft:{path}")).map_err(|e| crate::wasm::interop::error_to_js(&e))?;
        let restored = LocalStorage::get::<Value>(&opts.storage_key).ok();
        let state = restored.clone().map(FormState::from_value).unwrap_or_default();
        let key = super::redaction_key(&opts.key_source);

        // The widget's frame (header, layout, tools, review step) is described as data and
        // created by one call, like the form's sections: on a cold start each distinct web-sys
        // call is a wasm→JS shim compiled and run for the first time.
        let root = el(&doc, "div", "ts-root")?;
        let mut t = Tree::default();
        let top = t.el(None, "header", "ts-head");
        let banner_top = t.el(Some(top), "p", "ts-tlp-banner");
        t.keep(banner_top);
        t.text_el(Some(top), "h2", "ts-title", &opts.t("title"));
        t.text_el(Some(top), "p", "ts-intro", &opts.t("intro"));
        let overall_row = t.el(Some(top), "div", "ts-overall");
        t.text_el(Some(overall_row), "span", "", &opts.t("overall"));
        let overall_meter = t.el(Some(overall_row), "meter", "ts-meter");
        t.keep(overall_meter);
        t.attrs(overall_meter, &[("min", "0"), ("max", "1"), ("value", "0"), ("aria-label", &opts.t("overall"))]);
        let overall_text = t.text_el(Some(overall_row), "span", "ts-ratio", "");
        t.keep(overall_text);
        let clock = t.el(Some(top), "p", "ts-clock");
        t.keep(clock);
        t.attr(clock, "hidden", "");
        let status = t.el(Some(top), "p", "ts-status");
        t.keep(status);
        t.attrs(status, &[("role", "status"), ("aria-live", "polite")]);

        let layout = t.el(None, "div", "ts-layout");
        let form_el = t.el(Some(layout), "div", "ts-form");
        t.keep(form_el);
        let aside = t.el(Some(layout), "aside", "ts-aside");
        let summary_title = t.text_el(Some(aside), "h3", "ts-summary-title", &opts.t("findings"));
        t.attr(summary_title, "id", &format!("{prefix}summary-title"));
        let summary = t.el(Some(aside), "ul", "ts-summary");
        t.keep(summary);
        t.attrs(summary, &[("aria-labelledby", &format!("{prefix}summary-title")), ("tabindex", "-1")]);

        let tools = t.el(None, "div", "ts-tools");
        t.button(Some(tools), "ts-primary", &opts.t("review"), "review", "");
        t.button(Some(tools), "", &opts.t("download_json"), "download-json", "");
        for (fmt, label) in review::DOWNLOADS {
            t.button(Some(tools), "", label, "download", fmt);
        }
        let file_label = t.el(Some(tools), "label", "ts-file");
        t.text_el(Some(file_label), "span", "", &opts.t("import"));
        let file = t.el(Some(file_label), "input", "");
        t.attrs(file, &[("type", "file"), ("accept", ".json,application/json"), ("data-ts-action", "import")]);
        t.button(Some(tools), "ts-danger", &opts.t("clear"), "clear", "");
        let paste = t.el(Some(tools), "details", "ts-paste");
        t.text_el(Some(paste), "summary", "", &opts.t("paste"));
        let paste_area = t.el(Some(paste), "textarea", "ts-paste-area");
        t.attrs(paste_area, &[("id", &format!("{prefix}paste")), ("aria-label", &opts.t("paste")), ("rows", "6"), ("spellcheck", "false")]);
        t.button(Some(paste), "", &opts.t("load"), "load-paste", "");

        let review_el = t.el(None, "section", "ts-review");
        t.keep(review_el);
        t.attr(review_el, "hidden", "");
        let spans_el = t.el(Some(review_el), "div", "ts-spans");
        t.keep(spans_el);
        let review_title = t.text_el(Some(review_el), "h3", "", &opts.t("preview"));
        t.attr(review_title, "id", &format!("{prefix}preview-title"));
        let preview = t.el(Some(review_el), "pre", "ts-preview");
        t.keep(preview);
        t.attrs(preview, &[("aria-labelledby", &format!("{prefix}preview-title")), ("tabindex", "0")]);
        let send_row = t.el(Some(review_el), "div", "ts-tools");
        t.button(Some(send_row), "ts-primary", &opts.t("send"), "send", "");
        t.button(Some(send_row), "", &opts.t("back"), "back", "");
        let send_status = t.el(Some(review_el), "div", "ts-send-status");
        t.keep(send_status);
        t.attrs(send_status, &[("role", "status"), ("aria-live", "polite")]);

        let banner_bottom = t.el(None, "p", "ts-tlp-banner");
        t.keep(banner_bottom);
        let built = t.build(&root)?;
        let get = |n: Node| built.get(n).ok_or_else(|| JsValue::from(js_sys::Error::new("tearsheet: the widget's frame was not built")));
        let (banner_top, overall_meter, overall_text, clock, status) = (get(banner_top)?, get(overall_meter)?, get(overall_text)?, get(clock)?, get(status)?);
        let (form_el, summary, review_el, spans_el, preview) = (get(form_el)?, get(summary)?, get(review_el)?, get(spans_el)?, get(preview)?);
        let (send_status, banner_bottom) = (get(send_status)?, get(banner_bottom)?);
        host.append_child(&root)?;

        let widget = Widget {
            doc,
            host,
            root,
            prefix,
            opts,
            state,
            controls: HashMap::new(),
            marked: Vec::new(),
            meters: Vec::new(),
            overall: (overall_meter, overall_text),
            summary,
            status,
            clock,
            banners: vec![banner_top, banner_bottom],
            form_el,
            review_el,
            preview,
            send_status,
            listeners: Vec::new(),
            timer: None,
            rest: None,
            rest_task: None,
            sending: false,
            last: None,
            key,
            me: Weak::new(),
            spans_el,
            keep: Vec::new(),
            extra: Vec::new(),
        };
        let shared = Rc::new(RefCell::new(widget));
        {
            let mut w = shared.borrow_mut();
            w.me = Rc::downgrade(&shared);
            // The report header and the first section are rendered now, and shown in the first
            // frame; the other eight sections and the first validation come in the task after
            // that frame. On a cold start most of mount()'s time is the browser laying out the
            // form and compiling wasm functions on their first call: the part a person sees first
            // no longer waits for the rest. Until the rest is there the root is `aria-busy`.
            w.clear_form();
            w.render_groups(FORM.get(..FIRST_GROUPS).unwrap_or(FORM))?;
            let _ = w.root.set_attribute("aria-busy", "true");
            w.listen(Rc::downgrade(&shared));
            let restored = restored.is_some();
            if restored {
                let msg = w.opts.t("draft_restored");
                w.status.set_text_content(Some(&msg));
            }
            w.request_rest(restored);
        }
        Ok(shared)
    }

    /// Removes the form and every listener and timer.
    pub fn teardown(&mut self) {
        self.cancel_rest();
        self.listeners.clear();
        self.timer = None;
        self.root.remove();
    }

    fn listen(&mut self, me: Weak<RefCell<Widget>>) {
        let m = me.clone();
        self.listeners.push(EventListener::new(&self.root, "input", move |e| with(&m, |w| w.on_input(e))));
        let m = me.clone();
        self.listeners.push(EventListener::new(&self.root, "change", move |e| {
            let Some(t) = target(e) else { return };
            if t.get_attribute("data-ts-action").as_deref() == Some("import") {
                import_file(m.clone(), t);
            }
        }));
        let m = me;
        self.listeners.push(EventListener::new(&self.root, "click", move |e| {
            let Some(t) = target(e).and_then(|t| t.closest("[data-ts-action]").ok().flatten()) else { return };
            let action = t.get_attribute("data-ts-action").unwrap_or_default();
            let path = t.get_attribute("data-ts-path").unwrap_or_default();
            if action == "send" {
                send(m.clone());
            } else if action != "import" {
                with(&m, |w| w.on_action(&action, &path, &t));
            }
        }));
    }

    // ---- view ----

    /// Renders the whole form again (after Clear or an import).
    fn render_form(&mut self) -> Result<(), JsValue> {
        self.cancel_rest();
        self.clear_form();
        self.render_groups(FORM)
    }

    fn clear_form(&mut self) {
        self.controls.clear();
        self.meters.clear();
        self.marked.clear();
        self.form_el.set_text_content(None);
    }

    /// Asks for the rest of the form after the next frame: an animation frame callback queues a
    /// task, which runs once that frame has been produced.
    fn request_rest(&mut self, restored: bool) {
        let me = self.me.clone();
        let frame: Closure<dyn FnMut()> = Closure::new(move || {
            let inner = me.clone();
            with(&me, |w| w.rest_task = Some(Timeout::new(0, move || with(&inner, |w| w.render_rest(restored)))));
        });
        let id = web_sys::window().and_then(|win| win.request_animation_frame(frame.as_ref().unchecked_ref()).ok());
        match id {
            Some(id) => self.rest = Some((id, frame)),
            // No frames (a hidden or odd host page): render the rest now.
            None => self.render_rest(restored),
        }
    }

    fn cancel_rest(&mut self) {
        if let Some((id, _frame)) = self.rest.take() {
            if let Some(win) = web_sys::window() {
                let _ = win.cancel_animation_frame(id);
            }
        }
        self.rest_task = None;
        let _ = self.root.remove_attribute("aria-busy");
    }

    /// The sections after the first frame, then the first validation.
    fn render_rest(&mut self, restored: bool) {
        // The frame callback has run: dropping it now is safe.
        self.rest = None;
        self.rest_task = None;
        if let Err(e) = self.render_groups(FORM.get(FIRST_GROUPS..).unwrap_or(&[])) {
            dom::dispatch(&self.host, "tearsheet:error", &json!({ "code": "render-failed", "message": e.as_string().unwrap_or_default() }));
        }
        let _ = self.root.remove_attribute("aria-busy");
        self.validate_now();
        if restored {
            let msg = self.opts.t("draft_restored");
            self.status.set_text_content(Some(&msg));
        }
    }

    /// Appends `groups` to the form, described first and created by one call (`dom::Tree`).
    fn render_groups(&mut self, groups: &[form::Group]) -> Result<(), JsValue> {
        let mut t = Tree::default();
        let mut kept = Kept::default();
        for group in groups {
            let container = if group.key == "report" {
                let fs = t.el(None, "fieldset", "ts-group ts-report");
                t.text_el(Some(fs), "legend", "", group.title);
                fs
            } else {
                let d = t.el(None, "details", "ts-section");
                t.attrs(d, &[("open", ""), ("data-ts-section", group.key)]);
                let s = t.el(Some(d), "summary", "");
                t.text_el(Some(s), "span", "ts-section-title", group.title);
                let meter = t.el(Some(s), "meter", "ts-meter");
                t.attrs(meter, &[("min", "0"), ("max", "1"), ("value", "0"), ("aria-label", &format!("{} — {}", group.title, self.opts.t("overall")))]);
                let ratio = t.text_el(Some(s), "span", "ts-ratio", "");
                kept.meters.push((group.key, t.keep(meter), t.keep(ratio)));
                self.section_tlp(&mut t, d, group.key);
                d
            };
            for f in group.fields {
                self.render_field(&mut t, &mut kept, container, f);
            }
        }
        let built = t.build(&self.form_el)?;
        self.adopt(&built, kept);
        self.render_banners();
        Ok(())
    }

    /// Takes the handles of the controls and meters just built.
    fn adopt(&mut self, built: &Built, kept: Kept) {
        for (path, n) in kept.controls {
            if let Some(e) = built.get(n) {
                self.controls.insert(path, e);
            }
        }
        for (key, meter, ratio) in kept.meters {
            if let (Some(m), Some(r)) = (built.get(meter), built.get(ratio)) {
                self.meters.push((key, m, r));
            }
        }
    }

    fn section_tlp(&self, t: &mut Tree, parent: Node, section: &str) {
        let wrap = t.el(Some(parent), "div", "ts-field ts-section-tlp");
        let id = control_id(&self.prefix, &format!("/markings/{section}"));
        let label = t.text_el(Some(wrap), "label", "", &self.opts.t("section_tlp"));
        t.attr(label, "for", &id);
        let sel = t.el(Some(wrap), "select", "");
        t.attrs(sel, &[("id", &id), ("data-ts-section", section)]);
        let current = self.state.section_tlp(section).unwrap_or("");
        option(t, sel, "", &self.opts.t("same_as_report"), current);
        for d in TLP_LEVELS {
            option(t, sel, d.label, d.label, current);
        }
    }

    fn render_field(&self, t: &mut Tree, kept: &mut Kept, parent: Node, f: &Field) {
        match f.kind {
            Kind::Rows(_) | Kind::List => self.render_rows(t, kept, parent, f),
            _ => self.render_control(t, kept, parent, f.path, f.label, f.kind, form::question_for(f.path)),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn render_control(&self, t: &mut Tree, kept: &mut Kept, parent: Node, path: &str, label: &str, kind: Kind, help: Option<&str>) {
        let id = control_id(&self.prefix, path);
        let wrap = t.el(Some(parent), "div", "ts-field");
        let mut described = format!("{id}-err");
        if help.is_some() {
            described = format!("{id}-help {described}");
        }
        if let Kind::Technique = kind {
            described = format!("{id}-name {described}");
        }
        let current = self.state.get(path).cloned().unwrap_or(Value::Null);
        let current_text = match &current {
            Value::String(s) => s.clone(),
            Value::Null => String::new(),
            other => other.to_string(),
        };
        let multi = matches!(kind, Kind::MultiSelect(_));
        if !multi {
            let l = t.text_el(Some(wrap), "label", "", label);
            t.attr(l, "for", &id);
        }
        if let Some(h) = help {
            let p = t.text_el(Some(wrap), "p", "ts-help", h);
            t.attr(p, "id", &format!("{id}-help"));
        }
        let control = match kind {
            Kind::MultiSelect(options) => {
                let fs = t.el(Some(wrap), "fieldset", "ts-multi");
                t.attrs(fs, &[("id", &id), ("tabindex", "-1"), ("aria-describedby", &described)]);
                t.text_el(Some(fs), "legend", "", label);
                for (code, text) in options() {
                    let l = t.el(Some(fs), "label", "ts-check");
                    let cb = t.el(Some(l), "input", "");
                    t.attrs(cb, &[("type", "checkbox"), ("data-ts-path", path), ("data-ts-code", code)]);
                    if current.as_array().is_some_and(|a| a.iter().any(|v| v.as_str() == Some(code))) {
                        t.attr(cb, "checked", "");
                    }
                    t.text(l, text);
                }
                fs
            }
            Kind::Textarea => {
                let c = t.text_el(Some(wrap), "textarea", "", &current_text);
                t.attr(c, "rows", "3");
                c
            }
            Kind::Bool => {
                let c = t.el(Some(wrap), "select", "");
                option(t, c, "", &self.opts.t("not_answered"), &current_text);
                option(t, c, "true", &self.opts.t("yes"), &current_text);
                option(t, c, "false", &self.opts.t("no"), &current_text);
                c
            }
            Kind::Select(options) => {
                let c = t.el(Some(wrap), "select", "");
                option(t, c, "", &self.opts.t("not_answered"), &current_text);
                let options = options();
                if !current_text.is_empty() && !options.iter().any(|(code, _)| *code == current_text) {
                    option(t, c, &current_text, &current_text, &current_text);
                }
                for (code, text) in options {
                    option(t, c, code, text, &current_text);
                }
                c
            }
            Kind::Tlp => {
                let c = t.el(Some(wrap), "select", "ts-tlp-select");
                option(t, c, "", &self.opts.t("tlp_none"), &current_text);
                for d in TLP_LEVELS {
                    option(t, c, d.label, &format!("{} — {}", d.label, d.definition), &current_text);
                }
                c
            }
            _ => {
                let c = t.el(Some(wrap), "input", "");
                let (ty, hint) = match kind {
                    Kind::Email => ("email", ""),
                    Kind::Timestamp => ("text", "2025-01-14T09:30:00Z"),
                    Kind::Technique => ("text", "T1566.001 or AML.T0051"),
                    _ => ("text", ""),
                };
                t.attr(c, "type", ty);
                if !hint.is_empty() {
                    t.attr(c, "placeholder", hint);
                }
                if matches!(kind, Kind::Number) {
                    t.attr(c, "inputmode", "numeric");
                }
                // The value attribute is the fresh control's value.
                if !current_text.is_empty() {
                    t.attr(c, "value", &current_text);
                }
                c
            }
        };
        if !multi {
            t.attrs(control, &[("id", &id), ("data-ts-path", path), ("aria-describedby", &described)]);
        }
        if let Kind::Technique = kind {
            let name = t.text_el(Some(wrap), "span", "ts-technique-name", &technique_name(&current_text, &self.opts.t("not_in_catalogue")));
            t.attrs(name, &[("id", &format!("{id}-name")), ("aria-live", "polite")]);
        }
        let err = t.el(Some(wrap), "p", "ts-error");
        t.attr(err, "id", &format!("{id}-err"));
        kept.controls.push((path.to_string(), t.keep(control)));
    }

    fn render_rows(&self, t: &mut Tree, kept: &mut Kept, parent: Node, f: &Field) {
        let id = control_id(&self.prefix, f.path);
        let fs = t.el(Some(parent), "fieldset", "ts-rows");
        t.attrs(fs, &[("id", &id), ("tabindex", "-1"), ("aria-describedby", &format!("{id}-err"))]);
        t.text_el(Some(fs), "legend", "", f.label);
        if let Some(q) = form::question_for(f.path) {
            t.text_el(Some(fs), "p", "ts-help", q);
        }
        let body = t.el(Some(fs), "div", "ts-rows-body");
        t.attr(body, "id", &format!("{id}-rows"));
        self.fill_rows(t, kept, Some(body), f);
        t.button(Some(fs), "ts-add", &format!("{} — {}", self.opts.t("add_row"), f.label), "add-row", f.path);
        let err = t.el(Some(fs), "p", "ts-error");
        t.attr(err, "id", &format!("{id}-err"));
        kept.controls.push((f.path.to_string(), t.keep(fs)));
    }

    /// The rows of a list field, under `body` (`None`: the top level of the tree).
    fn fill_rows(&self, t: &mut Tree, kept: &mut Kept, body: Option<Node>, f: &Field) {
        let count = self.state.get(f.path).and_then(Value::as_array).map_or(0, Vec::len);
        for i in 0..count {
            let row = t.el(body, "div", "ts-row");
            let row_path = format!("{}/{i}", f.path);
            match f.kind {
                Kind::Rows(cols) => {
                    for c in cols {
                        let label = format!("{} {}", c.label, i + 1);
                        self.render_control(t, kept, row, &format!("{row_path}{}", c.path), &label, c.kind, None);
                    }
                }
                _ => {
                    let label = format!("{} {}", f.label, i + 1);
                    self.render_control(t, kept, row, &row_path, &label, Kind::Text, None);
                }
            }
            let rm = t.button(Some(row), "ts-remove", &self.opts.t("remove_row"), "remove-row", f.path);
            t.attrs(rm, &[("data-ts-index", &i.to_string()), ("aria-label", &format!("{} {} {}", self.opts.t("remove_row"), f.label, i + 1))]);
        }
    }

    fn rerender_rows(&mut self, path: &str) -> Result<(), JsValue> {
        let Some(f) = FORM.iter().flat_map(|g| g.fields).find(|f| f.path == path) else { return Ok(()) };
        let body_id = format!("{}-rows", control_id(&self.prefix, path));
        let Some(body) = self.root.query_selector(&format!("#{body_id}"))? else { return Ok(()) };
        let prefix = format!("{}/", f.path);
        self.controls.retain(|k, _| !k.starts_with(&prefix));
        body.set_text_content(None);
        let mut t = Tree::default();
        let mut kept = Kept::default();
        self.fill_rows(&mut t, &mut kept, None, f);
        let built = t.build(&body)?;
        self.adopt(&built, kept);
        Ok(())
    }

    fn render_banners(&self) {
        let effective = self
            .last
            .as_ref()
            .and_then(|v| v.tlp.effective)
            .or_else(|| self.state.get("/tlp").and_then(Value::as_str).and_then(crate::tlp::Tlp::parse_lenient).map(|(t, _)| t.label()));
        let def = effective.and_then(|l| TLP_LEVELS.iter().find(|d| d.label == l));
        for b in self.banners.iter().chain(std::iter::once(&self.review_banner())) {
            match def {
                Some(d) => {
                    b.set_text_content(Some(&format!("{} — {}", d.label, d.definition)));
                    b.set_class_name("ts-tlp-banner");
                    dom::set_var(b, "--ts-tlp-fg", d.color);
                    dom::set_var(b, "--ts-tlp-bg", d.background);
                }
                None => {
                    b.set_text_content(Some(&self.opts.t("tlp_none")));
                    b.set_class_name("ts-tlp-banner ts-tlp-none");
                }
            }
        }
    }

    fn review_banner(&self) -> Element {
        // The review step shows the label above its preview too.
        match self.review_el.query_selector(".ts-tlp-banner").ok().flatten() {
            Some(b) => b,
            None => {
                let b = el(&self.doc, "p", "ts-tlp-banner").unwrap_or_else(|_| self.review_el.clone());
                let _ = self.review_el.insert_before(&b, self.review_el.first_child().as_ref());
                b
            }
        }
    }

    // ---- controller ----

    fn on_input(&mut self, e: &Event) {
        let Some(t) = target(e) else { return };
        if let Some(section) = t.get_attribute("data-ts-section") {
            let v = dom::control_value(&t).filter(|s| !s.is_empty());
            self.apply(Msg::SectionTlp(section, v), "");
            return;
        }
        let Some(path) = t.get_attribute("data-ts-path") else { return };
        if let Some(code) = t.get_attribute("data-ts-code") {
            let on = t.dyn_ref::<web_sys::HtmlInputElement>().is_some_and(|i| i.checked());
            self.apply(Msg::Toggle(path.clone(), code, on), &path);
            return;
        }
        let Some(kind) = form::kind_for(&path) else { return };
        let raw = dom::control_value(&t).unwrap_or_default();
        if let Kind::Technique = kind {
            let id = control_id(&self.prefix, &path);
            if let Ok(Some(n)) = self.root.query_selector(&format!("#{id}-name")) {
                n.set_text_content(Some(&technique_name(&raw, &self.opts.t("not_in_catalogue"))));
            }
        }
        match form::parse_input(&kind, &raw) {
            Ok(v) => self.apply(Msg::Set(path.clone(), v), &path),
            Err(err) => self.show_local_error(&path, err.message()),
        }
    }

    fn on_action(&mut self, action: &str, path: &str, t: &Element) {
        match action {
            "add-row" => {
                self.apply(Msg::AddRow(path.to_string()), path);
                let _ = self.rerender_rows(path);
                let n = self.state.get(path).and_then(Value::as_array).map_or(0, Vec::len);
                let first = self.controls.iter().filter(|(k, _)| k.starts_with(&format!("{path}/{}", n.saturating_sub(1)))).map(|(_, c)| c.clone()).min_by_key(|c| c.get_attribute("id"));
                if let Some(c) = first.and_then(|c| dom::html(&c)) {
                    let _ = c.focus();
                }
                self.validate_now();
            }
            "remove-row" => {
                let index = t.get_attribute("data-ts-index").and_then(|i| i.parse().ok()).unwrap_or(usize::MAX);
                self.apply(Msg::RemoveRow(path.to_string(), index), path);
                let _ = self.rerender_rows(path);
                self.validate_now();
            }
            "focus" => self.focus(path),
            "keep-span" | "unkeep-span" => {
                let num = |a: &str| t.get_attribute(a).and_then(|v| v.parse::<usize>().ok()).unwrap_or(0);
                let span = crate::redact::SpanRef { path: path.to_string(), start: num("data-ts-start"), end: num("data-ts-end") };
                self.keep.retain(|k| *k != span);
                if action == "keep-span" {
                    self.keep.push(span);
                }
                self.review();
            }
            "redact-selection" => {
                if let Some(span) = self.selected_span() {
                    self.extra.push(span);
                    self.review();
                } else {
                    let msg = self.opts.t("select_first");
                    self.status.set_text_content(Some(&msg));
                }
            }
            "review" => self.review(),
            "back" => {
                let _ = self.review_el.set_attribute("hidden", "");
                let _ = self.root.class_list().remove_1("ts-reviewing");
            }
            "download-json" => {
                let body = crate::ser::to_string_pretty(&self.state.payload()).unwrap_or_default();
                let _ = super::download(&self.doc, &body, "application/json", "tearsheet-report.json");
            }
            "download" => match review::export(self, path) {
                Ok((body, media, name)) => {
                    let _ = super::download(&self.doc, &body, &media, &name);
                }
                Err(e) => self.status.set_text_content(Some(e.message())),
            },
            "load-paste" => {
                let text = self.root.query_selector(&format!("#{}paste", self.prefix)).ok().flatten().and_then(|a| dom::control_value(&a)).unwrap_or_default();
                self.import_text(&text);
            }
            "clear" => {
                self.apply(Msg::Clear, "");
                let _ = self.render_form();
                self.validate_now();
            }
            _ => {}
        }
    }

    /// Loads a report from JSON text (file import or paste).
    pub fn import_text(&mut self, text: &str) {
        match crate::input::parse_json::<Value>(text.as_bytes(), "report") {
            Ok(parsed) if parsed.value.is_object() => {
                self.apply(Msg::Replace(parsed.value), "");
                let _ = self.render_form();
                self.validate_now();
            }
            Ok(_) => self.status.set_text_content(Some("input-not-a-report: the JSON is not an object")),
            Err(e) => self.status.set_text_content(Some(&format!("{}: {}", e.code(), e.message()))),
        }
    }

    fn apply(&mut self, msg: Msg, path: &str) {
        if !self.state.update(msg) {
            return;
        }
        // Kept and hand-redacted spans are byte offsets into the text as it was: an edit
        // invalidates them, so the review asks again.
        self.keep.clear();
        self.extra.clear();
        let _ = LocalStorage::set(&self.opts.storage_key, &self.state.report);
        dom::dispatch(&self.host, "tearsheet:change", &json!({ "path": path, "report": self.state.payload() }));
        self.schedule();
    }

    fn schedule(&mut self) {
        let me = self.me.clone();
        if self.opts.debounce_ms == 0 {
            self.validate_now();
            return;
        }
        self.timer = Some(Timeout::new(self.opts.debounce_ms, move || with(&me, |w| w.validate_now())));
    }

    fn show_local_error(&mut self, path: &str, message: &str) {
        let id = control_id(&self.prefix, path);
        if let Ok(Some(err)) = self.root.query_selector(&format!("#{id}-err")) {
            err.set_text_content(Some(message));
        }
        if let Some(c) = self.controls.get(path) {
            let _ = c.set_attribute("aria-invalid", "true");
        }
    }

    /// Validates the draft now and shows the result everywhere.
    pub fn validate_now(&mut self) {
        self.timer = None;
        let started = dom::now_ms();
        let bytes = crate::ser::to_vec(&self.state.for_validation()).unwrap_or_default();
        let now = crate::Timestamp::parse(&String::from(js_sys::Date::new_0().to_iso_string()));
        let result = crate::validate_bytes(&bytes, self.opts.profile(), crate::Options { now });
        match result {
            Ok(v) => {
                self.show(&v);
                let ms = dom::now_ms() - started;
                let errors = v.findings.iter().filter(|f| f.severity == Severity::Error).count();
                dom::dispatch(
                    &self.host,
                    "tearsheet:validated",
                    &json!({ "valid": v.valid, "errors": errors, "completeness": v.completeness.overall.ratio, "findings": v.findings, "ms": ms }),
                );
                self.last = Some(v);
                self.render_banners();
            }
            Err(e) => {
                self.status.set_text_content(Some(&format!("{}: {}", e.code(), e.message())));
                dom::dispatch(&self.host, "tearsheet:error", &json!({ "code": e.code(), "message": e.message() }));
            }
        }
    }

    fn show(&mut self, v: &Validation) {
        // Clear the previous marks.
        for path in std::mem::take(&mut self.marked) {
            if let Some(c) = self.controls.get(&path) {
                let _ = c.remove_attribute("aria-invalid");
            }
            let id = control_id(&self.prefix, &path);
            if let Ok(Some(err)) = self.root.query_selector(&format!("#{id}-err")) {
                err.set_text_content(None);
            }
        }
        let _ = self.overall.0.set_attribute("value", &v.completeness.overall.ratio.to_string());
        self.overall.1.set_text_content(Some(&form::ratio_text(v.completeness.overall.met, v.completeness.overall.applicable)));
        for (key, meter, text) in &self.meters {
            if let Some(s) = v.completeness.sections.iter().find(|s| s.section == *key) {
                let _ = meter.set_attribute("value", &s.ratio.ratio.to_string());
                text.set_text_content(Some(&form::ratio_text(s.ratio.met, s.ratio.applicable)));
            }
        }
        self.summary.set_text_content(None);
        let mut messages: HashMap<String, Vec<String>> = HashMap::new();
        for f in v.findings.iter().filter(|f| f.severity != Severity::Info) {
            let anchor = anchor_for(&f.path, |p| self.controls.contains_key(p));
            let li = el(&self.doc, "li", &format!("ts-sev-{}", severity_code(f.severity))).ok();
            if let Some(li) = li {
                let label = match &anchor {
                    Some(a) => {
                        let b = button(&self.doc, "ts-link", &f.message, "focus", a).ok();
                        b.map(|b| b.unchecked_into::<web_sys::Node>())
                    }
                    None => text_el(&self.doc, "span", "", &f.message).ok().map(|s| s.unchecked_into()),
                };
                let _ = li.add(text_el(&self.doc, "span", "ts-sev", severity_code(f.severity)).unwrap_or_else(|_| li.clone()));
                if let Some(l) = label {
                    let _ = li.append_child(&l);
                }
                let _ = self.summary.append_child(&li);
            }
            if let Some(a) = anchor {
                if f.severity == Severity::Error {
                    if let Some(c) = self.controls.get(&a) {
                        let _ = c.set_attribute("aria-invalid", "true");
                    }
                }
                messages.entry(a).or_default().push(f.message.clone());
            }
        }
        if v.findings.iter().all(|f| f.severity == Severity::Info) {
            if let Ok(li) = text_el(&self.doc, "li", "ts-none", &self.opts.t("no_findings")) {
                let _ = self.summary.append_child(&li);
            }
        }
        for (path, msgs) in messages {
            let id = control_id(&self.prefix, &path);
            if let Ok(Some(err)) = self.root.query_selector(&format!("#{id}-err")) {
                err.set_text_content(Some(&msgs.join(" ")));
            }
            self.marked.push(path);
        }
        let status = if v.valid { self.opts.t("valid") } else { self.opts.t("invalid") };
        self.status.set_text_content(Some(&status));
        let _ = self.status.set_attribute("data-valid", if v.valid { "true" } else { "false" });
        if v.deadlines.is_empty() {
            let _ = self.clock.set_attribute("hidden", "");
        } else {
            let _ = self.clock.remove_attribute("hidden");
            let lines: Vec<String> = v
                .deadlines
                .iter()
                .map(|d| {
                    let left = d.seconds_left.map(|s| format!(", {} h {} min left", s / 3600, (s % 3600).abs() / 60)).unwrap_or_default();
                    format!("{}: due {} ({}{left})", d.label, d.due, d.status)
                })
                .collect();
            self.clock.set_text_content(Some(&format!("{} — {}", self.opts.t("clock"), lines.join("; "))));
        }
    }

    fn focus(&self, path: &str) {
        let Some(c) = self.controls.get(path) else { return };
        // Open the section the control is in, then focus it.
        if let Ok(Some(d)) = c.closest("details") {
            let _ = d.set_attribute("open", "");
        }
        if let Some(h) = dom::html(c) {
            let _ = h.focus();
        }
    }

    fn review(&mut self) {
        self.validate_now();
        let has_errors = self.last.as_ref().is_none_or(|v| !v.valid);
        if has_errors {
            self.status.set_text_content(Some(&self.opts.t("invalid")));
            if let Some(h) = dom::html(&self.summary) {
                let _ = h.focus();
            }
            return;
        }
        match review::prepare(self) {
            Ok(p) => {
                let _ = self.render_spans(&p.log);
                self.preview.set_text_content(Some(&p.body));
                let _ = self.root.class_list().add_1("ts-reviewing");
                let _ = self.review_el.remove_attribute("hidden");
                self.render_banners();
                self.root.scroll_into_view();
                if let Some(h) = dom::html(&self.preview) {
                    let _ = h.focus();
                }
            }
            Err(e) => {
                // E.g. the destination's TLP limit is below the report's: refused, with the rule's message.
                self.status.set_text_content(Some(&format!("{}: {}", e.code(), e.message())));
                let _ = self.status.set_attribute("data-valid", "false");
                dom::dispatch(&self.host, "tearsheet:error", &json!({ "code": e.code(), "message": e.message() }));
            }
        }
    }

    /// Shows every field with detected spans: the original text with each span highlighted by
    /// kind, what replaces it, and a button to keep it (or redact it again); text the user
    /// selects in these fields can be redacted by hand.
    fn render_spans(&self, log: &[crate::model::RedactionEntry]) -> Result<(), JsValue> {
        self.spans_el.set_text_content(None);
        self.spans_el.add(text_el(&self.doc, "h3", "", &self.opts.t("redactions"))?)?;
        if log.is_empty() {
            self.spans_el.add(text_el(&self.doc, "p", "ts-help", &self.opts.t("nothing_redacted"))?)?;
        }
        let original = self.state.payload();
        let mut paths: Vec<&str> = log.iter().map(|e| e.path.as_str()).collect();
        paths.dedup();
        let list = el(&self.doc, "div", "ts-span-fields")?;
        for path in paths {
            let Some(text) = original.pointer(path).and_then(Value::as_str) else { continue };
            let mut entries: Vec<&crate::model::RedactionEntry> = log.iter().filter(|e| e.path == path).collect();
            crate::sort::sort_by_key(&mut entries, |e| e.start);
            let field = el(&self.doc, "div", "ts-span-field")?;
            let label = form::label_for(path).unwrap_or_else(|| path.to_string());
            field.add(text_el(&self.doc, "p", "ts-span-label", &format!("{label} ({path})"))?)?;
            let shown = el(&self.doc, "p", "ts-original")?;
            attrs(&shown, &[("data-ts-path", path)])?;
            let mut at = 0;
            for e in &entries {
                let (Some(before), Some(span)) = (text.get(at..e.start), text.get(e.start..e.end)) else { continue };
                shown.append_child(&self.doc.create_text_node(before))?;
                let family = e.kind.split('.').next().unwrap_or("other");
                let mark = text_el(&self.doc, "mark", &format!("ts-span ts-kind-{family}{}", if e.action == "keep" { " ts-kept" } else { "" }), span)?;
                mark.set_attribute("title", &e.kind)?;
                shown.add(mark)?;
                at = e.end;
            }
            shown.append_child(&self.doc.create_text_node(text.get(at..).unwrap_or("")))?;
            field.add(shown)?;
            let ul = el(&self.doc, "ul", "ts-span-list")?;
            for e in &entries {
                let li = el(&self.doc, "li", "")?;
                li.add(text_el(&self.doc, "code", "", &e.kind)?)?;
                let what = if e.action == "keep" { self.opts.t("kept") } else { format!("→ {}", if e.replacement.is_empty() { "(removed)" } else { &e.replacement }) };
                li.append_child(&self.doc.create_text_node(&format!(" {what} ")))?;
                let (action, label) = if e.action == "keep" { ("unkeep-span", self.opts.t("redact_again")) } else { ("keep-span", self.opts.t("keep")) };
                let b = button(&self.doc, "ts-small", &label, action, path)?;
                attrs(&b, &[("data-ts-start", &e.start.to_string()), ("data-ts-end", &e.end.to_string()), ("aria-label", &format!("{label}: {} in {label_field}", e.kind, label_field = form::label_for(path).unwrap_or_default()))])?;
                li.add(b)?;
                ul.add(li)?;
            }
            field.add(ul)?;
            list.add(field)?;
        }
        self.spans_el.add(list)?;
        self.spans_el.add(button(&self.doc, "", &self.opts.t("redact_selection"), "redact-selection", "")?)?;
        Ok(())
    }

    /// The text selected inside one field of the review, as a span of the original value.
    fn selected_span(&self) -> Option<crate::redact::SpanRef> {
        let sel = web_sys::window()?.get_selection().ok()??;
        if sel.range_count() == 0 || sel.is_collapsed() {
            return None;
        }
        let range = sel.get_range_at(0).ok()?;
        let container_of = |n: web_sys::Node| -> Option<Element> {
            let e = if n.node_type() == web_sys::Node::ELEMENT_NODE { n.dyn_into::<Element>().ok()? } else { n.parent_element()? };
            e.closest(".ts-original").ok()?
        };
        let container = container_of(range.start_container().ok()?)?;
        if container_of(range.end_container().ok()?)? != container {
            return None;
        }
        let path = container.get_attribute("data-ts-path")?;
        let before = self.doc.create_range().ok()?;
        before.set_start(&container, 0).ok()?;
        before.set_end(&range.start_container().ok()?, range.start_offset().ok()?).ok()?;
        let start16 = String::from(before.to_string()).encode_utf16().count();
        let end16 = start16 + String::from(range.to_string()).encode_utf16().count();
        let original = self.state.payload();
        let text = original.pointer(&path)?.as_str()?;
        Some(crate::redact::SpanRef { start: form::utf16_to_byte(text, start16)?, end: form::utf16_to_byte(text, end16)?, path })
    }

    /// The per-page redaction key (never sent).
    pub fn key(&self) -> &[u8] {
        &self.key
    }
}

/// Handles the widget keeps of a tree being built: controls by path, section meters.
#[derive(Default)]
struct Kept {
    controls: Vec<(String, Node)>,
    meters: Vec<(&'static str, Node, Node)>,
}

/// An `<option>` of `sel`, selected when it is the current value.
fn option(t: &mut Tree, sel: Node, value: &str, label: &str, current: &str) {
    let o = t.text_el(Some(sel), "option", "", label);
    t.attr(o, "value", value);
    if value == current {
        t.attr(o, "selected", "");
    }
}

fn severity_code(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

fn technique_name(id: &str, missing: &str) -> String {
    let id = id.trim();
    if id.is_empty() {
        return String::new();
    }
    match crate::catalogue::technique(id) {
        Some(t) => t.name.to_string(),
        None => {
            let near: Vec<String> = crate::catalogue::techniques_starting_with(id, 3).iter().map(|t| format!("{} {}", t.id, t.name)).collect();
            if near.is_empty() {
                missing.to_string()
            } else {
                near.join(" · ")
            }
        }
    }
}

fn target(e: &Event) -> Option<Element> {
    e.target().and_then(|t| t.dyn_into::<Element>().ok())
}

/// Runs `f` on the widget if it is still mounted and not busy (a re-entrant event while the
/// widget is borrowed is dropped rather than panicking).
pub fn with(me: &Weak<RefCell<Widget>>, f: impl FnOnce(&mut Widget)) {
    if let Some(rc) = me.upgrade() {
        if let Ok(mut w) = rc.try_borrow_mut() {
            f(&mut w);
        }
    }
}

fn import_file(me: Weak<RefCell<Widget>>, input: Element) {
    let Some(file) = input.dyn_ref::<web_sys::HtmlInputElement>().and_then(|i| i.files()).and_then(|f| f.get(0)) else { return };
    wasm_bindgen_futures::spawn_local(async move {
        let text = JsFuture::from(file.text()).await.ok().and_then(|t| t.as_string()).unwrap_or_default();
        with(&me, |w| w.import_text(&text));
    });
}

/// POSTs the prepared payload; keeps everything on failure so the user can retry.
fn send(me: Weak<RefCell<Widget>>) {
    let prepared = {
        let Some(rc) = me.upgrade() else { return };
        let Ok(mut w) = rc.try_borrow_mut() else { return };
        if w.sending {
            return;
        }
        let Some(endpoint) = w.opts.endpoint.clone() else {
            let msg = w.opts.t("no_endpoint");
            w.send_status.set_text_content(Some(&msg));
            return;
        };
        match review::prepare(&w) {
            Ok(p) => {
                w.sending = true;
                w.send_status.set_text_content(None);
                let _ = w.send_status.add(text_el(&w.doc, "span", "", &w.opts.t("sending")).unwrap_or_else(|_| w.send_status.clone()));
                if let Ok(progress) = el(&w.doc, "progress", "ts-progress") {
                    let _ = progress.set_attribute("aria-label", &w.opts.t("sending"));
                    let _ = w.send_status.append_child(&progress);
                }
                (endpoint, p, w.opts.headers.clone())
            }
            Err(e) => {
                w.send_status.set_text_content(Some(e.message()));
                return;
            }
        }
    };
    let (endpoint, p, headers) = prepared;
    wasm_bindgen_futures::spawn_local(async move {
        let outcome = post(&endpoint, &p.body, &p.media_type, p.accept, &headers).await;
        with(&me, |w| {
            w.sending = false;
            match outcome {
                Ok((status, answer)) if (200..300).contains(&status) => {
                    LocalStorage::delete(&w.opts.storage_key);
                    let msg = format!("{} {status}: {answer}", w.opts.t("sent"));
                    w.send_status.set_text_content(Some(&msg));
                    let _ = w.send_status.set_attribute("data-state", "sent");
                    let answer_json: Value = serde_json::from_str(&answer).unwrap_or(Value::String(answer));
                    dom::dispatch(&w.host, "tearsheet:sent", &json!({ "status": status, "response": answer_json, "log": p.log }));
                }
                Ok((status, answer)) => {
                    let msg = format!("{} ({status}: {answer})", w.opts.t("send_failed"));
                    w.send_status.set_text_content(Some(&msg));
                    let _ = w.send_status.set_attribute("data-state", "failed");
                    dom::dispatch(&w.host, "tearsheet:error", &json!({ "code": "send-failed", "status": status, "message": answer }));
                }
                Err(why) => {
                    let msg = format!("{} ({why})", w.opts.t("send_failed"));
                    w.send_status.set_text_content(Some(&msg));
                    let _ = w.send_status.set_attribute("data-state", "failed");
                    dom::dispatch(&w.host, "tearsheet:error", &json!({ "code": "send-failed", "message": why }));
                }
            }
        });
    });
}

async fn post(endpoint: &str, body: &str, media_type: &str, accept: Option<&str>, headers: &[(String, String)]) -> Result<(u16, String), String> {
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(&JsValue::from_str(body));
    let h = web_sys::Headers::new().map_err(|_| "headers".to_string())?;
    h.set("Content-Type", media_type).map_err(|_| "headers".to_string())?;
    if let Some(a) = accept {
        h.set("Accept", a).map_err(|_| "headers".to_string())?;
    }
    for (k, v) in headers {
        h.set(k, v).map_err(|_| format!("bad header {k}"))?;
    }
    init.set_headers(&h);
    let req = web_sys::Request::new_with_str_and_init(endpoint, &init).map_err(|_| format!("bad endpoint {endpoint}"))?;
    let window = web_sys::window().ok_or("no window")?;
    let resp: web_sys::Response = JsFuture::from(window.fetch_with_request(&req))
        .await
        .map_err(|e| js_sys::Reflect::get(&e, &"message".into()).ok().and_then(|m| m.as_string()).unwrap_or_else(|| "network error".into()))?
        .unchecked_into();
    let text = match resp.text() {
        Ok(p) => JsFuture::from(p).await.ok().and_then(|t| t.as_string()).unwrap_or_default(),
        Err(_) => String::new(),
    };
    Ok((resp.status(), text))
}
