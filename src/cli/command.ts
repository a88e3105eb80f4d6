import type { Config } from '../server/config.ts';

export interface CliCommand {
  /** One line, shown by `relais help`. */
  summary: string;
  usage: string;
  /** Returns the process exit code. */
  run(args: string[], config: Config): Promise<number>;
}

/** Parses `--name value` and `--flag` options; everything else is positional. */
export function parseOptions(args: string[]): { positional: string[]; options: Record<string, string | true> } {
  const positional: string[] = [];
  const options: Record<string, string | true> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    const next = args[i + 1];
    if (inline !== undefined) options[name] = inline;
    else if (next !== undefined && !next.startsWith('--')) {
      options[name] = next;
      i++;
    } else options[name] = true;
  }
  return { positional, options };
}
