-- Indexes the reports and analytics read through (EXPLAIN QUERY PLAN in README "Benchmarks"):
-- bookings by when they were made, with what the counts need so the table is not visited; and
-- visits by start with doctor, status and end (utilisation, monthly figures), which also
-- serves everything the plain start index did.
CREATE INDEX appointments_by_created ON appointments (created_at, status, doctor_id, start_at, patient_id);
DROP INDEX appointments_by_start;
CREATE INDEX appointments_by_start ON appointments (start_at, doctor_id, status, end_at);
