import { createHash } from 'node:crypto';
import fs from 'node:fs';

/**
 * The portal's static files (one stylesheet, one progressive-enhancement script), read once at start
 * and served from memory under `/static/`. Only the files listed here exist: no path from a request
 * ever reaches the file system. Pages link them with a content hash in the query string, so they can
 * be cached for a year and a new version is fetched as soon as it changes.
 */
export type StaticAsset = { body: string; contentType: string; etag: string; hash: string };

const files = {
  'portal.css': 'text/css; charset=utf-8',
  'password-strength.js': 'text/javascript; charset=utf-8',
} as const;

export type StaticAssetName = keyof typeof files;

function load(name: StaticAssetName): StaticAsset {
  const body = fs.readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
  return { body, contentType: files[name], etag: `"${hash}"`, hash };
}

const assets = new Map<string, StaticAsset>(
  (Object.keys(files) as StaticAssetName[]).map((name) => [name, load(name)]),
);

/** The asset named `name` (a file name under `/static/`), or undefined for anything else. */
export function findStaticAsset(name: string): StaticAsset | undefined {
  return assets.get(name);
}

/** The URL of an asset with its content hash, for `<link>` and `<script>`. */
export function assetUrl(name: StaticAssetName): string {
  return `/static/${name}?v=${assets.get(name)!.hash}`;
}
