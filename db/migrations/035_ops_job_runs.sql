-- 035 job runs: one row per due run of a scheduled operations job (health check, maintenance,
-- backup). The primary key (job, due_at) is the claim: of several scheduler instances, the
-- one whose insert succeeds runs that occurrence and the others skip it, so a due job runs
-- once however many instances are up. The row then records the outcome, which the health
-- report shows (ops_monitor reads it).
--   outcome  running (claimed, not finished), succeeded or failed
--   detail   one line: what was done, or why it failed (no secrets, no user data)

create table ops.job_runs (
  job         text        not null,
  due_at      timestamptz not null,
  instance    text        not null,
  started_at  timestamptz not null default now(),
  finished_at timestamptz,
  outcome     text        not null default 'running',
  detail      text,
  constraint job_runs_pkey primary key (job, due_at),
  constraint job_runs_outcome_check check (outcome in ('running', 'succeeded', 'failed')),
  constraint job_runs_finished_check check ((outcome = 'running') = (finished_at is null))
);

-- The latest runs of each job, for the health report.
create index idx_job_runs_job_started on ops.job_runs (job, started_at desc);

grant select on table ops.job_runs to ops_monitor;
