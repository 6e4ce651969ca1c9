//! `/parvis`: the public pairwise survey. A vote is stored and answered
//! with a redirect to a new pair; a proposal waits for a facilitator.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::TimeDelta;
use serde::Deserialize;
use uuid::Uuid;

use crate::AppState;
use crate::entities::pairwise_vote::Outcome;
use crate::error::AppError;
use crate::priorities::pairwise::service::options::{self, PairOption, ProposalError};
use crate::priorities::pairwise::service::{pair, votes};
use crate::priorities::pairwise::stream::Stream;
use crate::priorities::pairwise::views::public::{Notice, VotePage, vote_page};
use crate::web::csrf::CsrfForm;
use crate::web::forms::FormErrors;
use crate::web::private::{put_receipt, take_receipt};
use crate::web::public_form::{Guard, PublicForm};
use crate::web::rate_limit::{self, keyed_hash};
use crate::web::{PageContext, client_address, html_status, see_other};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/parvis", web::get().to(vote_form))
        .route("/parvis", web::post().to(submit_vote))
        .route("/parvis/forslag", web::post().to(submit_proposal));
}

const NOTICE: &str = "pairwise_notice";
/// Votes per window from one address: a person takes a few seconds a pair,
/// and a class or a library behind one address votes together.
const VOTES_PER_ADDRESS: u64 = 600;
/// Votes per window from one browser, several per second for ten minutes
/// being more than a person would.
const VOTES_PER_STREAM: u64 = 300;
const VOTE_WINDOW: TimeDelta = TimeDelta::minutes(10);

#[derive(Deserialize, Default)]
#[serde(default)]
struct VoteForm {
    left: String,
    right: String,
    choice: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ProposalForm {
    forslag: String,
}

/// What the page shows besides the pair: a notice and the proposal form.
struct Shown<'a> {
    notice: Option<Notice>,
    proposal: &'a str,
    errors: &'a FormErrors,
    guard: Guard,
}

/// The page with a new pair for `stream`, its cookie set if it is new.
async fn page(
    ctx: &PageContext,
    state: &AppState,
    stream: &Stream,
    status: StatusCode,
    shown: Shown<'_>,
) -> Result<HttpResponse, AppError> {
    let hash = stream.hash(&state.hash_key);
    let options = options::shown(&state.db, ctx.lang).await?;
    let tallies = votes::tallies(&state.db).await?;
    let previous = votes::last_pair(&state.db, &hash).await?;
    let ids: Vec<Uuid> = options.iter().map(|o| o.id).collect();
    let chosen = pair::choose(
        &mut rand::rng(),
        &ids,
        &votes::appearances(&tallies),
        previous,
    );
    let find = |id: Uuid| options.iter().find(|o| o.id == id);
    let pair: Option<(&PairOption, &PairOption)> =
        chosen.and_then(|(l, r)| Some((find(l)?, find(r)?)));
    let answered = votes::stream_count(&state.db, &hash).await?;
    let markup = vote_page(
        ctx,
        &VotePage {
            pair,
            answered,
            notice: shown.notice,
            proposal: shown.proposal,
            errors: shown.errors,
            guard: &shown.guard,
        },
    );
    let mut response = html_status(status, markup);
    if let Some(cookie) = stream.cookie(state.settings.is_https()) {
        response
            .add_cookie(&cookie)
            .map_err(|err| AppError::unexpected("setting the stream cookie", err))?;
    }
    Ok(response)
}

#[tracing::instrument(skip_all)]
async fn vote_form(
    ctx: PageContext,
    state: web::Data<AppState>,
    req: HttpRequest,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let notice = take_receipt::<Notice>(&session, NOTICE);
    let shown = Shown {
        notice,
        proposal: "",
        errors: &FormErrors::new(),
        guard: Guard::new(&state),
    };
    page(&ctx, &state, &Stream::of(&req), StatusCode::OK, shown).await
}

/// Counts a vote against the address's and the browser's limits.
async fn count_vote(
    state: &AppState,
    req: &HttpRequest,
    stream_hash: &str,
) -> Result<(), AppError> {
    let address = client_address(req, state.settings.trust_proxy);
    let keys = [
        (
            keyed_hash(&state.hash_key, "pairwise-vote", &address),
            VOTES_PER_ADDRESS,
        ),
        (
            keyed_hash(&state.hash_key, "pairwise-vote-stream", stream_hash),
            VOTES_PER_STREAM,
        ),
    ];
    for (key, limit) in keys {
        if !rate_limit::hit(&state.db, &key, VOTE_WINDOW, limit).await? {
            let wait = rate_limit::retry_after(&state.db, &key, VOTE_WINDOW).await?;
            return Err(AppError::RateLimited(
                wait.max(std::time::Duration::from_secs(1)),
            ));
        }
    }
    Ok(())
}

#[tracing::instrument(skip_all)]
async fn submit_vote(
    ctx: PageContext,
    state: web::Data<AppState>,
    req: HttpRequest,
    session: Session,
    CsrfForm(form): CsrfForm<VoteForm>,
) -> Result<HttpResponse, AppError> {
    let stream = Stream::of(&req);
    let hash = stream.hash(&state.hash_key);
    let outcome = match form.choice.as_str() {
        "left" => Some(Outcome::Left),
        "right" => Some(Outcome::Right),
        "skip" => Some(Outcome::Skip),
        _ => None,
    };
    let ids = (Uuid::parse_str(&form.left), Uuid::parse_str(&form.right));
    let stored = match (outcome, ids) {
        (Some(outcome), (Ok(left), Ok(right))) => {
            count_vote(&state, &req, &hash).await?;
            let shown = options::shown(&state.db, ctx.lang).await?;
            let vote = votes::NewVote {
                stream_hash: &hash,
                left,
                right,
                outcome,
                language: ctx.lang,
            };
            votes::record(&state.db, &shown, vote).await?.is_ok()
        }
        _ => false,
    };
    if !stored {
        let shown = Shown {
            notice: Some(Notice::BadPair),
            proposal: "",
            errors: &FormErrors::new(),
            guard: Guard::new(&state),
        };
        return page(
            &ctx,
            &state,
            &stream,
            StatusCode::UNPROCESSABLE_ENTITY,
            shown,
        )
        .await;
    }
    put_receipt(&session, NOTICE, &Notice::Voted);
    let mut response = see_other("/parvis");
    if let Some(cookie) = stream.cookie(state.settings.is_https()) {
        response
            .add_cookie(&cookie)
            .map_err(|err| AppError::unexpected("setting the stream cookie", err))?;
    }
    Ok(response)
}

#[tracing::instrument(skip_all)]
async fn submit_proposal(
    ctx: PageContext,
    state: web::Data<AppState>,
    req: HttpRequest,
    session: Session,
    sent: PublicForm<ProposalForm>,
) -> Result<HttpResponse, AppError> {
    let stream = Stream::of(&req);
    let label = match options::clean_label(&sent.form.forslag) {
        Ok(label) => label,
        Err(problem) => {
            let mut errors = FormErrors::new();
            let key = match problem {
                ProposalError::TooShort => "pairwise.proposal_too_short",
                ProposalError::TooLong => "pairwise.proposal_too_long",
            };
            errors.add("forslag", ctx.t(key));
            let shown = Shown {
                notice: None,
                proposal: &sent.form.forslag,
                errors: &errors,
                guard: sent.guard.clone(),
            };
            return page(
                &ctx,
                &state,
                &stream,
                StatusCode::UNPROCESSABLE_ENTITY,
                shown,
            )
            .await;
        }
    };
    sent.count_submission(&state).await?;
    options::propose(&state.db, label, ctx.lang, &stream.hash(&state.hash_key)).await?;
    put_receipt(&session, NOTICE, &Notice::Proposed);
    let mut response = see_other("/parvis");
    if let Some(cookie) = stream.cookie(state.settings.is_https()) {
        response
            .add_cookie(&cookie)
            .map_err(|err| AppError::unexpected("setting the stream cookie", err))?;
    }
    Ok(response)
}
