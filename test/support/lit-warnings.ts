/**
 * Lit's dev-mode "change-in-update" warnings while `run` runs: an update scheduled by an update (a
 * store changed from a controller's hostUpdate or hostUpdated). Lit says each warning once per page, so
 * it is made to forget this one first.
 */
export async function changeInUpdateWarnings(run: () => Promise<void>): Promise<string[]> {
  const issued = (globalThis as { litIssuedWarnings?: Set<string> }).litIssuedWarnings;
  for (const warning of [...(issued ?? [])]) if (warning.includes('change-in-update')) issued!.delete(warning);
  const seen: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => {
    seen.push(args.map(String).join(' '));
    original.apply(console, args);
  };
  try {
    await run();
  } finally {
    console.warn = original;
  }
  return seen.filter((warning) => warning.includes('change-in-update'));
}
