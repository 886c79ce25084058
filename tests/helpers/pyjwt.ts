/**
 * A Python that has PyJWT, for the interop tests: Debian's `python3-jwt` (PyJWT over Debian's
 * `cryptography`), installed when missing (CI runs as root on Debian). PyPI is out of reach, so the
 * package comes from Debian, for Debian's own /usr/bin/python3.
 * @module
 */

import { execFileSync } from 'node:child_process';

const PYTHON = '/usr/bin/python3';

const hasPyJwt = (): boolean => {
  try {
    execFileSync(PYTHON, ['-c', 'import jwt, cryptography'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

/** The path of a python3 that imports `jwt`, installing Debian's python3-jwt first when it is missing. */
export function ensurePyJwt(): string {
  if (hasPyJwt()) return PYTHON;
  try {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'ignore', env });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'python3-jwt'], { stdio: 'ignore', env });
  } catch (error) {
    throw new Error('PyJWT is missing and apt-get could not install it: run `apt-get install -y python3-jwt`', { cause: error });
  }
  if (!hasPyJwt()) throw new Error(`${PYTHON} still cannot import jwt after apt-get install python3-jwt`);
  return PYTHON;
}
