/** Generation of samples from OpenAI-compatible endpoints. */
export { generateSamples, generateWith, GenerationError } from "./generate.ts";
export type { GenerateOptions, GenerateSummary } from "./generate.ts";
export { buildPrompt } from "../../datasets/prompt.ts";
export type { PromptSpec } from "../../datasets/prompt.ts";
export { countExistingSamples } from "./samples-file.ts";
export type { GeneratedSample } from "./samples-file.ts";
export { EndpointError } from "./retry.ts";
