/** Types for scripts/test-tools.mjs, npm test's first step. */
export function missing(): string[];
export function aptRunner(): string[] | undefined;
export function main(): 0 | 1;
