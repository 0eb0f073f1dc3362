CREATE TABLE `job_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`job_id` text NOT NULL,
	`state` text NOT NULL,
	`detail` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`job_id`) REFERENCES `jobs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `job_events_job_idx` ON `job_events` (`job_id`);--> statement-breakpoint
CREATE TABLE `job_metrics` (
	`job_id` text NOT NULL,
	`step` integer NOT NULL,
	`values` text NOT NULL,
	PRIMARY KEY(`job_id`, `step`),
	FOREIGN KEY (`job_id`) REFERENCES `jobs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`algo` text NOT NULL,
	`launcher` text NOT NULL,
	`launcher_id` text,
	`state` text NOT NULL,
	`exit_code` integer,
	`job_dir` text NOT NULL,
	`config_path` text NOT NULL,
	`resolved_config` text NOT NULL,
	`command` text NOT NULL,
	`versions` text NOT NULL,
	`stdout_path` text NOT NULL,
	`stderr_path` text NOT NULL,
	`metrics_path` text NOT NULL,
	`checkpoint_dir` text NOT NULL,
	`last_step` integer,
	`metrics_offset` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `jobs_state_idx` ON `jobs` (`state`);