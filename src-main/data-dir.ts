import os from 'node:os';
import path from 'node:path';

export const PRODUCT_NAME = 'Portail Famille ALP';

/**
 * Where the office keeps its database: `--data-dir DIR`, else `ALP_DATA_DIR`, else the folder
 * Electron uses as its user-data path, so the desktop app and browser mode share the same data.
 */
export function resolveDataDir(args: {
  flag?: string | undefined;
  env?: string | undefined;
  electronUserData?: string;
}): string {
  if (args.flag) return path.resolve(args.flag);
  if (args.env) return path.resolve(args.env);
  if (args.electronUserData) return args.electronUserData;
  return defaultUserDataDir();
}

/** Electron's `app.getPath('userData')` for our product name, computed without Electron. */
export function defaultUserDataDir(): string {
  const home = os.homedir();
  switch (process.platform) {
    case 'win32':
      return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', PRODUCT_NAME);
    default:
      return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), PRODUCT_NAME);
  }
}

/** Reads `--name value` / `--name=value` from argv; flags without a value are booleans. */
export function parseArgs(argv: string[], known: { values: string[]; flags: string[] }) {
  const values: Record<string, string> = {};
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new Error(`Argument inattendu / unexpected argument: ${arg}`);
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (known.flags.includes(name)) {
      flags.add(name);
    } else if (known.values.includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined || value.startsWith('--'))
        throw new Error(`--${name} attend une valeur / needs a value`);
      values[name] = value;
    } else {
      throw new Error(`Option inconnue / unknown option: ${arg}`);
    }
  }
  return { values, flags };
}

/** One `--name value` / `--name=value` among arguments that also hold other programs' switches. */
export function readFlag(argv: string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === `--${name}`) return argv[i + 1];
    if (arg.startsWith(`--${name}=`)) return arg.slice(name.length + 3);
  }
  return undefined;
}
