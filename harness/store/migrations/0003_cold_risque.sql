CREATE TABLE `job_evals` (
	`job_id` text NOT NULL,
	`step` integer NOT NULL,
	`checkpoint` text NOT NULL,
	`run_id` integer NOT NULL,
	`pass1` real,
	`best` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`job_id`, `step`),
	FOREIGN KEY (`job_id`) REFERENCES `jobs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`run_id`) REFERENCES `runs`(`id`) ON UPDATE no action ON DELETE cascade
);
