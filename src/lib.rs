//! claimcheck: a fact-consistency linter for folders of news articles.
//!
//! The pipeline, one module per stage, each a pure function of its input:
//!
//! ```text
//! load ─▶ Document ─▶ extract ─▶ Mention ─▶ normalize ─▶ Claim ─▶ group ─▶ compare ─▶ Finding ─▶ report
//! ```
//!
//! [`app::run`] runs it end to end; the `claimcheck` binary is a thin front end.
//! Around the pipeline: [`suppress`] drops the claims of lines an article marks with
//! `claimcheck-ignore` (before grouping), [`review`] reads and writes the editors'
//! decisions on findings and puts them on the report, [`explain`] lays one finding
//! or rule out in full, and [`init`] writes a starter rules file.
#![deny(missing_docs)]

pub mod app;
pub mod calendar;
pub mod compare;
pub mod copies;
pub mod dedup;
pub mod error;
pub mod explain;
pub mod extract;
pub mod group;
pub mod hash;
pub mod init;
pub mod load;
pub mod memory;
pub mod model;
pub mod name;
pub mod normalize;
pub mod refdate;
pub mod report;
pub mod review;
pub mod rules;
pub mod stream;
pub mod suppress;
pub mod text;
pub mod words;

pub use error::{Error, Result};
