import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * User plus system CPU seconds used so far by the DynamoDB Local listening on `port` (fields 14
 * and 15 of /proc/<pid>/stat); undefined where there is no /proc or no such process.
 */
export function dynamoDbLocalCpu(port: number): () => number | undefined {
  let pid: string | undefined;
  try {
    pid = execFileSync('pgrep', ['-f', '--', `-port ${port} `])
      .toString()
      .trim()
      .split('\n')[0];
  } catch {
    pid = undefined;
  }
  return () => {
    if (!pid) return undefined;
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      return undefined;
    }
  };
}
