import { execFile } from 'node:child_process';
import type { ToolOutput } from './sources';

/** Time a policy tool may take; `reg` and `plutil` answer in well under a second. */
export const POLICY_TOOL_TIMEOUT_MS = 10_000;

/** Runs a tool such as `reg` or `plutil` and captures its output. */
export type RunTool = (file: string, args: string[]) => Promise<ToolOutput>;

/**
 * Runs a policy tool without a shell. It never rejects: a tool that is
 * missing, times out or fails has a null or non-zero status and the cause
 * in `stderr`.
 */
export const runTool: RunTool = (file, args) =>
  new Promise((resolve) => {
    execFile(
      file,
      args,
      {
        encoding: 'utf8',
        timeout: POLICY_TOOL_TIMEOUT_MS,
        maxBuffer: 1024 * 1024,
        windowsHide: true,
      },
      (error, stdout, stderr) => {
        if (!error) {
          resolve({ status: 0, stdout, stderr });
          return;
        }
        if (error.killed) {
          const cause = `${file} did not finish within ${POLICY_TOOL_TIMEOUT_MS} ms`;
          resolve({ status: null, stdout, stderr: cause });
          return;
        }
        // A numeric code is the exit code; a string such as ENOENT means
        // the tool did not start.
        if (typeof error.code === 'number') {
          resolve({ status: error.code, stdout, stderr });
          return;
        }
        const cause = `${file} could not be started (${error.code ?? error.message})`;
        resolve({ status: null, stdout, stderr: cause });
      },
    );
  });
