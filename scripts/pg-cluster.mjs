// A private PostgreSQL cluster for the tests and the bench: initdb into a
// temporary folder, a server on 127.0.0.1 and an unused port, its log inside
// that folder, stopped and removed at the end. initdb and the server refuse
// to run as root (https://www.postgresql.org/docs/current/app-initdb.html),
// so as root they run as the `postgres` user of Debian's package, on a folder
// it owns.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const SUPERUSER = 'postgres';
const PASSWORD = 'topicwire-test';

/** The folder of initdb and pg_ctl: Debian keeps them off PATH, one folder per major version. */
export function findPostgresBin() {
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian).filter((v) => /^\d+$/.test(v) && existsSync(path.join(debian, v, 'bin', 'initdb')));
    versions.sort((a, b) => Number(b) - Number(a));
    if (versions[0] !== undefined) return path.join(debian, versions[0], 'bin');
  }
  const found = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  return found.status === 0 ? path.dirname(found.stdout.trim()) : undefined;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function userIds(name) {
  const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith(`${name}:`));
  if (line === undefined) return undefined;
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/**
 * Why no cluster can be started here, or undefined when one can: initdb is
 * installed and, as root, a `postgres` user exists to run it.
 */
export function whyNoCluster() {
  if (findPostgresBin() === undefined) return 'no initdb found (install Debian\'s postgresql package)';
  if (process.getuid?.() === 0 && userIds(SUPERUSER) === undefined) return `running as root and no "${SUPERUSER}" user to run the server as`;
  return undefined;
}

/**
 * Starts a cluster and resolves to { url, dir, stop() }: `url` reaches the
 * `postgres` database as the superuser, by password over TCP (scram-sha-256),
 * so that what the tests connect with is checked as a real server checks it.
 */
export async function startCluster({ log = () => undefined } = {}) {
  const bin = findPostgresBin();
  if (bin === undefined) throw new Error(whyNoCluster());
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? userIds(SUPERUSER) : undefined;
  const run = (tool, args) => {
    const command = path.join(bin, tool);
    const [file, argv] = asRoot ? ['runuser', ['-u', SUPERUSER, '--', command, ...args]] : [command, args];
    return execFileSync(file, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  };
  const dir = mkdtempSync(path.join(os.tmpdir(), 'topicwire-pg-'));
  const data = path.join(dir, 'data');
  const pwfile = path.join(dir, 'pwfile');
  writeFileSync(pwfile, `${PASSWORD}\n`);
  if (owner) {
    chownSync(dir, owner.uid, owner.gid);
    chownSync(pwfile, owner.uid, owner.gid);
  }
  chmodSync(dir, 0o700);
  const started = performance.now();
  run('initdb', ['-D', data, '-U', SUPERUSER, `--pwfile=${pwfile}`, '--auth-host=scram-sha-256', '--auth-local=trust', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8']);
  let port;
  for (let attempt = 0; ; attempt += 1) {
    port = await freePort();
    // fsync off: a test cluster needs no durability, and it halves the time of every commit.
    const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
    try {
      run('pg_ctl', ['-D', data, '-l', path.join(dir, 'server.log'), '-o', options, '-w', '-t', '60', 'start']);
      break;
    } catch (error) {
      // Another process may have taken the port between freePort and the server's bind.
      if (attempt === 2) throw new Error(`cannot start PostgreSQL: ${String(error.stderr ?? error)}\n${readLog(dir)}`);
    }
  }
  log(`PostgreSQL ${run('pg_ctl', ['--version']).trim()} on 127.0.0.1:${port} (${Math.round(performance.now() - started)} ms)`);
  const url = `postgres://${SUPERUSER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
  let stopped = false;
  return {
    url,
    port,
    dir,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

function readLog(dir) {
  try {
    return readFileSync(path.join(dir, 'server.log'), 'utf8').slice(-4000);
  } catch {
    return '';
  }
}
