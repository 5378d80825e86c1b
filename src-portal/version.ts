import packageJson from '../package.json' with { type: 'json' };

/** The running portal's version, reported by `/health` and at start-up. */
export const portalVersion: string = packageJson.version;
