//! Table and column identifiers shared by the migrations, so a name is spelt once.

use sea_orm_migration::prelude::*;

#[derive(DeriveIden)]
pub enum ProgrammeSettings {
    Table,
    Id,
    ProgrammeName,
    MunicipalityName,
    MunicipalityNumber,
    PeriodStart,
    PeriodEnd,
    ContactEmail,
    PrivacyText,
    AccessibilityUrl,
    AccessibilityText,
    ModerationMode,
    UpdatedAt,
    MainColour,
}

#[derive(DeriveIden)]
pub enum UserTokens {
    Table,
    Id,
    UserId,
    Purpose,
    TokenHash,
    ExpiresAt,
    UsedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
pub enum SignInFailures {
    Table,
    Id,
    KeyHash,
    CreatedAt,
}

#[derive(DeriveIden)]
pub enum Users {
    Table,
    Id,
    Email,
    Name,
    Role,
    PasswordHash,
    Disabled,
    CreatedAt,
    UpdatedAt,
    SessionEpoch,
}

#[derive(DeriveIden)]
pub enum Themes {
    Table,
    Id,
    Slug,
    NameNb,
    NameNn,
    NameEn,
    Description,
    Keywords,
    Colour,
    Position,
    Active,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
pub enum Contacts {
    Table,
    Id,
    Name,
    Email,
    Phone,
    Organisation,
    ConsentAt,
    NewsOptIn,
    CreatedAt,
}

#[derive(DeriveIden)]
pub enum Inputs {
    Table,
    Id,
    Channel,
    Title,
    Body,
    StakeholderGroup,
    Status,
    Language,
    ContactId,
    CreatedAt,
    UpdatedAt,
    Location,
    SupportCount,
    MergedIntoId,
    ModerationNote,
    PublishedAt,
    PrivateTokenHash,
    IdempotencyKey,
    SearchText,
    SuggestedAt,
}

#[derive(DeriveIden)]
pub enum Supports {
    Table,
    Id,
    InputId,
    BrowserHash,
    AddressHash,
    CreatedAt,
}

#[derive(DeriveIden)]
pub enum RateEvents {
    Table,
    Id,
    KeyHash,
    CreatedAt,
}

#[derive(DeriveIden)]
pub enum InputThemes {
    Table,
    InputId,
    ThemeId,
    Origin,
    Confidence,
    CreatedAt,
}

#[derive(DeriveIden)]
pub enum Outbox {
    Table,
    Id,
    Recipient,
    Subject,
    BodyText,
    BodyHtml,
    Status,
    Attempts,
    NextAttemptAt,
    LastError,
    ClaimedUntil,
    CreatedAt,
    SentAt,
    ContactId,
    Reference,
}

#[derive(DeriveIden)]
pub enum OutboxAttachments {
    Table,
    Id,
    OutboxId,
    Position,
    Filename,
    ContentType,
    Content,
}

#[derive(DeriveIden)]
pub enum AuditLog {
    Table,
    Id,
    UserId,
    Action,
    EntityType,
    EntityId,
    Details,
    CreatedAt,
}

#[derive(DeriveIden)]
pub enum Events {
    Table,
    Id,
    Kind,
    Title,
    Description,
    Location,
    OnlineUrl,
    StartsAt,
    EndsAt,
    Capacity,
    SignupDeadline,
    Waitlist,
    AskDiet,
    AskAccessibility,
    AskOrganisation,
    Status,
    Sequence,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
pub enum EventThemes {
    Table,
    EventId,
    ThemeId,
}

#[derive(DeriveIden)]
pub enum EventSignups {
    Table,
    Id,
    EventId,
    ContactId,
    StakeholderGroup,
    Diet,
    Accessibility,
    Status,
    Language,
    PrivateTokenHash,
    IdempotencyKey,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
pub enum Workshops {
    Table,
    EventId,
    Method,
    UpdatedAt,
}

#[derive(DeriveIden)]
pub enum WorkshopTables {
    Table,
    Id,
    EventId,
    Position,
    Name,
    ThemeId,
    Host,
    Summary,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
pub enum WorkshopNotes {
    Table,
    InputId,
    EventId,
    TableId,
    Votes,
}

#[derive(DeriveIden)]
pub enum Businesses {
    Table,
    Id,
    OrgNumber,
    Name,
    Industry,
    Employees,
    SizeBand,
    PreferredFormat,
    Message,
    Status,
    WantsContact,
    ContactId,
    Language,
    PrivateTokenHash,
    IdempotencyKey,
    CalendarSequence,
    ConsentAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
pub enum BusinessThemes {
    Table,
    BusinessId,
    ThemeId,
}

#[derive(DeriveIden)]
pub enum InterviewSlots {
    Table,
    Id,
    StartsAt,
    EndsAt,
    Location,
    OnlineUrl,
    FacilitatorId,
    BusinessId,
    BookedAt,
    Status,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
pub enum InterviewQuestions {
    Table,
    Id,
    Position,
    Topic,
    Text,
    Help,
    Active,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
pub enum Interviews {
    Table,
    Id,
    BusinessId,
    InterviewerId,
    HeldAt,
    Status,
    Summary,
    EmployeeChange,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
pub enum InterviewAnswers {
    Table,
    InterviewId,
    QuestionId,
    Question,
    Answer,
    UpdatedAt,
}

#[derive(DeriveIden)]
pub enum InterviewFindings {
    Table,
    InputId,
    InterviewId,
    BusinessId,
}

#[derive(DeriveIden)]
pub enum TaggerModels {
    Table,
    Id,
    CreatedAt,
    TrainedOn,
    ThemesKey,
    Model,
}

#[derive(DeriveIden)]
pub enum TaggerSeed {
    Table,
    Id,
    Lang,
    Channel,
    Text,
    Themes,
}

#[derive(DeriveIden)]
pub enum TaggerState {
    Table,
    Id,
    LabelsChangedAt,
    RetrainClaimedUntil,
}

#[derive(DeriveIden)]
pub enum Surveys {
    Table,
    Id,
    Title,
    Intro,
    Audience,
    Status,
    Paged,
    OpensAt,
    ClosesAt,
    OfferInterview,
    KioskTokenHash,
    NextCode,
    CreatedAt,
    UpdatedAt,
    PublishedAt,
    ClosedAt,
}

#[derive(DeriveIden)]
pub enum SurveySections {
    Table,
    Id,
    SurveyId,
    Position,
    Title,
    Description,
}

#[derive(DeriveIden)]
pub enum SurveyQuestions {
    Table,
    Id,
    SurveyId,
    SectionId,
    Position,
    Code,
    Kind,
    Prompt,
    Help,
    Required,
    Options,
    AllowOther,
    ScaleLow,
    ScaleHigh,
    MinValue,
    MaxValue,
    Role,
    AsInput,
    Hidden,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
pub enum SurveyResponses {
    Table,
    Id,
    SurveyId,
    Answers,
    StakeholderGroup,
    Language,
    Kiosk,
    IdempotencyKey,
    SubmittedAt,
}

#[derive(DeriveIden)]
pub enum PairwiseOptions {
    Table,
    Id,
    ThemeId,
    Label,
    Status,
    Language,
    StreamHash,
    CreatedAt,
    DecidedAt,
}

#[derive(DeriveIden)]
pub enum PairwiseVotes {
    Table,
    Id,
    StreamHash,
    LeftId,
    RightId,
    Outcome,
    Language,
    CreatedAt,
}

#[derive(DeriveIden)]
pub enum PriorityAssessments {
    Table,
    Id,
    UserId,
    ThemeId,
    Jobs,
    Robustness,
    Development,
    Feasibility,
    Advantage,
    Rationale,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
pub enum PriorityScenarios {
    Table,
    Id,
    Name,
    Weights,
    Areas,
    Concentration,
    Samples,
    Seed,
    Chosen,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}
