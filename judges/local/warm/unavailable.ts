/** The zygote could not run a job (it died, hung, or could not set a run up): the caller runs it cold. */
export class WarmUnavailable extends Error {}
