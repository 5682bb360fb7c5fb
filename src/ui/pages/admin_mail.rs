//! `/admin/mail`: the development outbox and the jobs that gave up, for admins.

use crate::api::admin_mail::admin_mail;
use crate::api::retry_job::RetryJob;
use crate::dto::mail_views::{FailedJobView, OutboxMailView};
use crate::ui::format;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

/// `/admin/mail` (admins only).
#[component]
pub fn AdminMailPage() -> impl IntoView {
    let query = use_query_map();
    let to = move || query.with(|q| q.get("to").unwrap_or_default());
    let retry = ServerAction::<RetryJob>::new();
    let overview = Resource::new(move || (to(), retry.version().get()), |(to, _)| admin_mail(to));
    view! {
        <Title text="Mail" />
        <h1>"Mail"</h1>
        <p class="hint">
            "Mail sent with the development transport (mail.transport = \"outbox\") stays here instead of leaving the machine. Failed jobs are listed below whichever transport is used."
        </p>
        <Form method="GET" action="" attr:class="filters">
            <label for="to">"To"</label>
            <input id="to" name="to" type="search" maxlength="254" prop:value=to placeholder="Address contains…" />
            <button type="submit" class="button-secondary">"Apply"</button>
        </Form>
        <Transition fallback=|| view! { <p class="loading">"Loading mail…"</p> }>
            {move || Suspend::new(async move {
                match overview.await {
                    Ok(overview) => view! {
                        <p>{format!("{} waiting to be sent.", overview.queued)}</p>
                        <MailList mails=overview.mails />
                        <FailedJobs jobs=overview.failed_jobs retry />
                    }.into_any(),
                    Err(error) => view! { <p class="alert alert-error">{error.message()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn MailList(mails: Vec<OutboxMailView>) -> impl IntoView {
    if mails.is_empty() {
        return view! { <p class="empty">"No mail yet."</p> }.into_any();
    }
    view! {
        <ul class="mail-list" aria-label="Outbox">
            {mails.into_iter().map(|mail| view! {
                <li class="card mail">
                    <details>
                        <summary>
                            <span class="mail-to">{mail.to}</span>
                            <span class="mail-subject">{mail.subject}</span>
                            <span class="hint">{format::date(mail.created_at)}</span>
                        </summary>
                        <pre class="mail-text">{mail.text}</pre>
                    </details>
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn FailedJobs(jobs: Vec<FailedJobView>, retry: ServerAction<RetryJob>) -> impl IntoView {
    view! {
        <h2>"Failed jobs"</h2>
        {if jobs.is_empty() {
            view! { <p class="empty">"None: every job ran."</p> }.into_any()
        } else {
            view! {
                <table class="table">
                    <thead><tr><th>"Job"</th><th>"Mail"</th><th>"Attempts"</th><th>"Last error"</th><th>"Given up"</th><th></th></tr></thead>
                    <tbody>
                        {jobs.into_iter().map(|job| view! {
                            <tr>
                                <td>{job.id}</td>
                                <td>{job.kind}</td>
                                <td>{job.attempts}</td>
                                <td>{job.last_error.unwrap_or_default()}</td>
                                <td>{job.finished_at.map(format::date).unwrap_or_default()}</td>
                                <td>
                                    <ActionForm action=retry>
                                        <input type="hidden" name="id" value=job.id.to_string() />
                                        <button type="submit" class="button-secondary">"Send again"</button>
                                    </ActionForm>
                                </td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}
    }
}
