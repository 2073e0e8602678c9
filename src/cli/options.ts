/**
 * A strict, conventional reader of command-line options: `--name value`, `--name=value`, flags, and
 * `-h`. Unlike node:util's parseArgs it takes a value that starts with a dash (`--users -5`) as the
 * value, so the message about it is the same as for `--users=-5`; everything else it does not
 * understand is a usage error that names what was typed.
 */

/** The command was used wrongly (unknown option, missing value): exit code 2. */
export class UsageError extends Error {}
/** The command was used rightly with a value that cannot be (an unknown model, -5 users): exit 1. */
export class InputError extends Error {}

export interface OptionSpec {
  /** Takes a value (`--users 16`) or is a flag (`--force`). */
  value: boolean;
  /** One-letter alias, without the dash ("h"). */
  short?: string;
}

export type Parsed = Record<string, string | true | undefined>;

export function parseOptions(argv: readonly string[], specs: Record<string, OptionSpec>): Parsed {
  const parsed: Parsed = {};
  const byShort = new Map(
    Object.entries(specs).flatMap(([name, spec]) => (spec.short ? [[spec.short, name]] : []))
  );
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k];
    let name: string;
    let inline: string | undefined;
    if (arg.startsWith("--") && arg.length > 2) {
      const eq = arg.indexOf("=");
      name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      inline = eq < 0 ? undefined : arg.slice(eq + 1);
    } else if (/^-[A-Za-z]$/.test(arg) && byShort.has(arg[1])) {
      name = byShort.get(arg[1])!;
    } else if (arg.startsWith("-") && arg.length > 1) {
      throw new UsageError(`unknown option ${arg}${suggestion(arg, Object.keys(specs))}.`);
    } else {
      throw new UsageError(
        `unexpected argument "${arg}": options start with --, e.g. --model "${arg}".`
      );
    }
    const spec = specs[name];
    if (!spec)
      throw new UsageError(`unknown option --${name}${suggestion(name, Object.keys(specs))}.`);
    if (parsed[name] !== undefined) throw new UsageError(`--${name} is given twice.`);
    if (!spec.value) {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value.`);
      parsed[name] = true;
      continue;
    }
    if (inline === undefined) {
      const next = argv[k + 1];
      // A value may start with one dash (-5), never with two: "--users --out x" lacks the value.
      if (next === undefined || next.startsWith("--")) {
        throw new UsageError(`--${name} needs a value, e.g. --${name} ${example(name)}.`);
      }
      inline = next;
      k++;
    }
    parsed[name] = inline;
  }
  return parsed;
}

function example(name: string): string {
  return name === "model" ? '"Llama 3.1 70B"' : name === "system" ? "H200" : "…";
}

/** " (did you mean --users?)" for a near option name, else "". */
function suggestion(typed: string, names: string[]): string {
  const bare = typed.replace(/^-+/, "").split("=")[0];
  let best: string | undefined;
  let bestDistance = 3;
  for (const name of names) {
    const d = distance(bare, name);
    if (d < bestDistance) [best, bestDistance] = [name, d];
  }
  return best ? ` (did you mean --${best}?)` : "; --help lists the options";
}

function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_v, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(
        previous[j] + 1,
        row[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)
      );
    }
    previous = row;
  }
  return previous[b.length];
}
