import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';

/**
 * `npm start` writes where its data folder is (and so its development issuer's key) to a file in
 * the project, `.register-running.json`, so `npx register dev-token` signs with the key the
 * running register trusts even when the server was started with REGISTER_DATA_DIR and the
 * command was not.
 */
export const RUNNING_FILE = path.join(projectRoot(), '.register-running.json');

/** The folder with package.json above this module: the same from source and from the compiled CLI (dist/cli/chunks/). */
function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

const runningSchema = z.object({ dataDir: z.string(), url: z.string(), pid: z.number().int() });
export type RunningRegister = z.infer<typeof runningSchema>;

export function recordRunning(running: RunningRegister, file: string = RUNNING_FILE): void {
  writeFileSync(file, `${JSON.stringify(running, null, 2)}\n`);
}

/** Removes the record, only if it is still this process's (another `npm start` may have replaced it). */
export function clearRunning(pid: number, file: string = RUNNING_FILE): void {
  if (readRunning(file)?.pid === pid) rmSync(file, { force: true });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The running register's record, if its process is still alive. */
export function readRunning(file: string = RUNNING_FILE): RunningRegister | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const parsed = runningSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success && alive(parsed.data.pid) ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The data folder `register dev-token` uses: REGISTER_DATA_DIR when set, else the running
 * register's, else `.data`.
 */
export function devDataDirectory(
  env: Record<string, string | undefined> = process.env,
  file: string = RUNNING_FILE,
): { dir: string; from: 'env' | 'running' | 'default' } {
  if (env.REGISTER_DATA_DIR) return { dir: path.resolve(env.REGISTER_DATA_DIR), from: 'env' };
  const running = readRunning(file);
  if (running) return { dir: running.dataDir, from: 'running' };
  return { dir: path.resolve('.data'), from: 'default' };
}
