// Types of the package entry point (index.js). Results are `any` (plain
// JSON: the core's serde types) until the core ships generated types.

/** The error every flyconf function throws. */
export declare class FlyconfError extends Error {
  /** Stable machine-readable code (`unknown-template`, `invalid-min-confidence`, `FT002`, `internal`, …). */
  readonly code: string;
  /** What to do next. */
  readonly suggestion: string;
}

/** Tooling and frameworks in an in-memory project (`flyconf detect --format json`). */
export function detectFiles(files: Record<string, string | Uint8Array>, options?: { tools?: string[]; minConfidence?: number }): any;
/** Which of `paths` detectFiles reads the contents of (pass the rest with empty contents). */
export function detectReads(paths: string[]): string[];
/** Checks `text` as the file `filename` (default `fly.toml`; a Dockerfile by name). */
export function check(text: string, filename?: string): any;
/** Applies every machine-applicable fix and re-checks: `{path, text, applied, diagnostics}`. */
export function fix(text: string, filename?: string): any;
/** fly.toml text in the typed model: `{config, diagnostics}`. */
export function parse(text: string): any;
/** The generated files, `{path: contents}`. Options: app, region, environments, database, redis, extraSecrets. */
export function generate(template: string, options?: object): any;
/** `flyconf init --dry-run --format json`: `{template, files, secrets, next_steps}`. */
export function plan(template: string, options?: object): any;
/** Every template's metadata (`flyconf templates --format json`). */
export function templates(): any;
/** Monthly cost estimate. Inputs: machines, regions, hoursPerMonth, includeIpv4. */
export function cost(text: string, inputs?: object): any;
/** An embedded skill (`flyio`). */
export function loadSkill(name: string): any;
