import { _electron as electron, expect, test } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// @ts-expect-error plain JS module shared with scripts/start.mjs
import { electronBinary } from '../../scripts/electron-binary.mjs';

const binary = (electronBinary as () => string | null)();

test.describe('the Electron window', () => {
  test.skip(
    !binary,
    'Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD=1 / offline machine): set ELECTRON_PATH or install electron with its binary to run this test',
  );

  test('is sandboxed, isolated, without Node, and cannot navigate or open windows', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'alp-electron-'));
    const app = await electron.launch({ executablePath: binary!, args: ['.', '--data-dir', dataDir] });
    try {
      const page = await app.firstWindow();
      await expect(page.getByRole('heading', { name: 'Première mise en service' })).toBeVisible();
      await page.screenshot({ path: 'test-results/screens/electron-setup.png' });

      const prefs = await app.evaluate(({ BrowserWindow }) => {
        // Documented (contents.getLastWebPreferences) but missing from this version's typings.
        const contents = BrowserWindow.getAllWindows()[0]!.webContents as unknown as {
          getLastWebPreferences: () => Record<string, unknown>;
        };
        const p = contents.getLastWebPreferences();
        return {
          sandbox: p.sandbox,
          contextIsolation: p.contextIsolation,
          nodeIntegration: p.nodeIntegration,
          webviewTag: p.webviewTag,
        };
      });
      expect(prefs).toEqual({
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        webviewTag: false,
      });

      const exposed = await page.evaluate(() => ({
        require: typeof (globalThis as { require?: unknown }).require,
        process: typeof (globalThis as { process?: unknown }).process,
        bridge: Object.keys((window as unknown as { alp: object }).alp).sort(),
      }));
      expect(exposed).toEqual({ require: 'undefined', process: 'undefined', bridge: ['invoke', 'on'] });

      const before = page.url();
      await page.evaluate(() => {
        window.location.href = 'https://example.org/';
      });
      await page.waitForTimeout(500); // a navigation, if allowed, would have started by now
      expect(page.url()).toBe(before);
      expect(await page.evaluate(() => window.open('https://example.org/') === null)).toBe(true);
      expect(app.windows()).toHaveLength(1);

      const unknown = await page.evaluate(() =>
        (window as unknown as { alp: { invoke: (n: string, i: unknown) => Promise<unknown> } }).alp.invoke(
          'staff.dropAll',
          {},
        ),
      );
      expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown_operation' } });
    } finally {
      await app.close();
    }
  });
});
