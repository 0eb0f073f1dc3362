CREATE TABLE `job_reward_stats` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`job_id` text NOT NULL,
	`at` integer NOT NULL,
	`values` text NOT NULL,
	FOREIGN KEY (`job_id`) REFERENCES `jobs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `job_reward_stats_job_idx` ON `job_reward_stats` (`job_id`);--> statement-breakpoint
ALTER TABLE `jobs` ADD `reward_stats_offset` integer DEFAULT 0 NOT NULL;