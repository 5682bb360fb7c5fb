//! Monthly doctor reports (generated once per clinic month by the job worker, caught up after
//! downtime) and statistics over any period, from the same figures.

pub mod analytics;
pub mod cancellations;
pub mod download;
pub mod facts;
pub mod generation;
pub mod offered_hours;
pub mod reading;
