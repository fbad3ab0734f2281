import { spawnSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/**
 * The TLS material of the local Kafka's SASL_SSL listener, all under `<stack dir>/kafka-security/`. A private CA
 * (made once per stack dir, like a corporate CA) signs the broker's certificate, so clients must be given the CA
 * file: exactly the setup the profiles' `kafka.tls.caFile` exists for.
 */
export interface KafkaTlsFiles {
  dir: string;
  /** The CA certificate (PEM) clients trust. */
  caFile: string;
  /** The broker's key and certificate chain, PKCS12, for `ssl.keystore.location`. */
  keystoreFile: string;
  /** The keystore's password (random per stack dir; read, never printed). */
  keystorePasswordFile: string;
}

export function kafkaSecurityDir(stackDir: string): string {
  return path.join(stackDir, 'kafka-security');
}

export function kafkaTlsFiles(stackDir: string): KafkaTlsFiles {
  const dir = kafkaSecurityDir(stackDir);
  return {
    dir,
    caFile: path.join(dir, 'ca.pem'),
    keystoreFile: path.join(dir, 'broker.p12'),
    keystorePasswordFile: path.join(dir, 'broker.p12.password'),
  };
}

/** A random secret written (0600) once; later calls return what the file holds. */
export function ensureSecretFile(file: string): string {
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    writeAtomically(file, crypto.randomBytes(18).toString('base64url'), 0o600);
  }
  return fs.readFileSync(file, 'utf8').trim();
}

/**
 * Makes the CA and the broker keystore unless they exist (warm restarts reuse them, so a client that saved the CA
 * file keeps working). Each final file is renamed into place last, so an interrupted run is redone, not half-used.
 */
export function ensureKafkaTls(stackDir: string, host: string): KafkaTlsFiles {
  const files = kafkaTlsFiles(stackDir);
  const caKey = path.join(files.dir, 'ca-key.pem');
  fs.mkdirSync(files.dir, { recursive: true, mode: 0o700 });
  if (!fs.existsSync(files.caFile) || !fs.existsSync(caKey)) {
    fs.rmSync(files.keystoreFile, { force: true });
    const tmpKey = `${caKey}.tmp`;
    const tmpCa = `${files.caFile}.tmp`;
    openssl(files.dir, [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      tmpKey,
      '-out',
      tmpCa,
      '-days',
      '3650',
      '-subj',
      `/CN=cdc-routing local stack CA ${crypto.randomBytes(4).toString('hex')}`,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ]);
    fs.renameSync(tmpKey, caKey);
    fs.renameSync(tmpCa, files.caFile);
  }
  if (!fs.existsSync(files.keystoreFile)) {
    ensureSecretFile(files.keystorePasswordFile);
    const key = path.join(files.dir, 'broker-key.pem');
    const csr = path.join(files.dir, 'broker.csr');
    const cert = path.join(files.dir, 'broker.pem');
    const ext = path.join(files.dir, 'broker.ext');
    fs.writeFileSync(
      ext,
      `basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:${host},DNS:localhost\n`,
    );
    openssl(files.dir, ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', csr, '-subj', `/CN=${host}`]);
    openssl(files.dir, [
      'x509',
      '-req',
      '-in',
      csr,
      '-CA',
      files.caFile,
      '-CAkey',
      caKey,
      '-CAcreateserial',
      '-out',
      cert,
      '-days',
      '3650',
      '-extfile',
      ext,
    ]);
    const tmpStore = `${files.keystoreFile}.tmp`;
    openssl(files.dir, [
      'pkcs12',
      '-export',
      '-in',
      cert,
      '-inkey',
      key,
      '-certfile',
      files.caFile,
      '-name',
      'broker',
      '-out',
      tmpStore,
      '-passout',
      `file:${files.keystorePasswordFile}`,
    ]);
    fs.chmodSync(tmpStore, 0o600);
    fs.renameSync(tmpStore, files.keystoreFile);
    for (const f of [csr, ext]) fs.rmSync(f, { force: true });
  }
  return files;
}

function openssl(cwd: string, args: string[]): void {
  const run = spawnSync('openssl', args, { cwd, encoding: 'utf8' });
  if (run.status !== 0) {
    const why = run.error
      ? `${run.error.message} (is openssl installed?)`
      : (run.stderr || run.stdout).trim().slice(-1500);
    throw new Error(`openssl ${args[0]} in ${cwd} failed: ${why}`);
  }
}

function writeAtomically(file: string, text: string, mode: number): void {
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, text, { mode });
  fs.renameSync(tmp, file);
}
