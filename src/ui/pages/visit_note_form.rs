//! The doctor's forms on a visit's page: the note (summary and private note) while it is
//! open, an addendum once it has closed.

use crate::api::add_visit_addendum::AddVisitAddendum;
use crate::api::save_visit_note::SaveVisitNote;
use crate::domain::visit_note::{
    MAX_ADDENDUM, MAX_ADVICE, MAX_DIAGNOSIS, MAX_FOLLOW_UP_WEEKS, MAX_PRIVATE,
};
use crate::domain::{AppointmentId, Field};
use crate::dto::appointment_page::VisitNoteView;
use crate::ui::components::{FieldMessages, FormAlert, use_form_error};
use leptos::form::ActionForm;
use leptos::prelude::*;

/// A text box for one part of a note.
#[component]
fn NoteBox(
    field: Field,
    label: &'static str,
    hint: &'static str,
    value: String,
    max: usize,
    error: Signal<Option<crate::error::AppError>>,
) -> impl IntoView {
    let name = field.as_str();
    view! {
        <div class="field">
            <label for=name>{label}</label>
            <p class="hint" id=format!("{name}-hint")>{hint}</p>
            <textarea id=name name=name rows="4" maxlength=max.to_string()
                aria-describedby=format!("{name}-hint {name}-error")>{value}</textarea>
            <FieldMessages field error />
        </div>
    }
}

/// The note of `appointment`, filled with `note` when one was saved.
#[component]
pub fn VisitNoteForm(
    appointment: AppointmentId,
    note: Option<VisitNoteView>,
    save: ServerAction<SaveVisitNote>,
) -> impl IntoView {
    let error = use_form_error(save.value());
    let saved_ok = move || matches!(save.value().get(), Some(Ok(())));
    let note = note.unwrap_or(VisitNoteView {
        diagnosis: String::new(),
        advice: String::new(),
        follow_up_weeks: None,
        private_note: Some(String::new()),
        updated_at: chrono::DateTime::default(),
    });
    let weeks = note.follow_up_weeks.map(|w| w.to_string()).unwrap_or_default();
    view! {
        <Show when=saved_ok><div class="alert alert-success" role="status">"The note was saved."</div></Show>
        <FormAlert error />
        <ActionForm action=save attr:class="form" attr:novalidate=true attr:data-testid="visit-note-form">
            <input type="hidden" name="appointment_id" value=appointment.to_string() />
            <NoteBox field=Field::Diagnosis label="Diagnosis" hint="In plain words: the patient reads this."
                value=note.diagnosis max=MAX_DIAGNOSIS error />
            <NoteBox field=Field::Advice label="Advice" hint="Treatment, medicines, what to do and avoid."
                value=note.advice max=MAX_ADVICE error />
            <div class="field">
                <label for="follow_up_weeks">"Follow-up in (weeks)"</label>
                <input id="follow_up_weeks" name="follow_up_weeks" type="number" min="1"
                    max=MAX_FOLLOW_UP_WEEKS.to_string() inputmode="numeric" value=weeks
                    aria-describedby="follow_up_weeks-hint follow_up_weeks-error" />
                <p class="hint" id="follow_up_weeks-hint">"Leave empty for no follow-up. The patient gets a button to book it."</p>
                <FieldMessages field=Field::FollowUpWeeks error />
            </div>
            <NoteBox field=Field::PrivateNote label="Private note" hint="Only you can read this: not the patient, not other doctors, not the clinic."
                value=note.private_note.unwrap_or_default() max=MAX_PRIVATE error />
            <button type="submit" class="button" disabled=move || save.pending().get()>"Save note"</button>
        </ActionForm>
    }
}

/// An addendum to the closed note of `appointment`.
#[component]
pub fn AddendumForm(
    appointment: AppointmentId,
    add: ServerAction<AddVisitAddendum>,
) -> impl IntoView {
    let error = use_form_error(add.value());
    view! {
        <h3>"Add an addendum"</h3>
        <p class="hint">"The note can no longer be changed (24 hours after the visit). An addendum is added below it, dated, for good."</p>
        <FormAlert error />
        <ActionForm action=add attr:class="form" attr:novalidate=true attr:data-testid="addendum-form">
            <input type="hidden" name="appointment_id" value=appointment.to_string() />
            <div class="field">
                <label for="addendum">"Addendum"</label>
                <textarea id="addendum" name="addendum" rows="3" maxlength=MAX_ADDENDUM.to_string()
                    aria-describedby="addendum-error"></textarea>
                <FieldMessages field=Field::Addendum error />
            </div>
            <label class="checkbox">
                <input type="checkbox" name="private" value="on" />
                "Private (only you can read it)"
            </label>
            <button type="submit" class="button" disabled=move || add.pending().get()>"Add addendum"</button>
        </ActionForm>
    }
}
