/** Prints a conformance result (one line per check, the summary last) and returns the exit code. */
import { summaryLine, type ConformanceResult } from './suite.ts';

export function report(result: ConformanceResult, print: (line: string) => void = console.log): number {
  for (const line of result.lines) print(line);
  print(summaryLine(result));
  return result.failed === 0 ? 0 : 1;
}

/** Exits the process on Node, Bun and Deno. */
export function exit(code: number): void {
  const g = globalThis as { process?: { exitCode?: number }; Deno?: { exit(code: number): never } };
  if (g.Deno) g.Deno.exit(code);
  else if (g.process) g.process.exitCode = code;
}
