/** A command line the CLI cannot run: printed with the command's help hint, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
