import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/** A usable Python 3 interpreter: its absolute path (children get no PATH) and version. */
export interface PythonInterpreter {
  executable: string;
  version: string;
}

/**
 * Finds the interpreter once, before any Python function starts, so a machine without one gets one clear
 * message naming the functions that need it. A version manager's shim (pyenv) is resolved to the real file.
 */
export async function findPython(command: string, functionNames: string[]): Promise<PythonInterpreter> {
  try {
    const { stdout } = await promisify(execFile)(
      command,
      ['-c', 'import sys; print(sys.executable); print("%d.%d.%d" % sys.version_info[:3])'],
      { timeout: 10_000 },
    );
    const [executable, version] = stdout.trim().split('\n');
    if (!executable || !version?.startsWith('3.'))
      throw new Error(`${command} is Python ${version ?? '?'}, not Python 3`);
    return { executable, version };
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? `${command} was not found on PATH`
        : (error as Error).message;
    throw new Error(
      `Lambda functions ${functionNames.join(', ')} need Python 3, and ${reason}. Install Python 3 (python3 on PATH) ` +
        "or point the local stack at one (the Lambda service's `python` option, npm start --python PATH).",
      { cause: error },
    );
  }
}
