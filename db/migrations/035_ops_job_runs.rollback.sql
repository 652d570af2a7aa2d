drop table ops.job_runs;
