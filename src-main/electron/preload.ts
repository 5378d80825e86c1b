import { contextBridge, ipcRenderer } from 'electron';
import { eventNames, isOperationName } from '../../src-shared/api/contract';
import { fail } from '../../src-shared/result';

/**
 * The narrow bridge between the sandboxed page and main: `invoke` for the names of the contract
 * and `on` for its events (returning the unsubscribe function). No other Electron or Node API
 * reaches the page.
 */
const events = new Set<string>(eventNames);

contextBridge.exposeInMainWorld('alp', {
  invoke(name: unknown, input: unknown): Promise<unknown> {
    if (!isOperationName(name)) return Promise.resolve(fail('unknown_operation', 'Opération inconnue.'));
    return ipcRenderer.invoke('alp:invoke', name, input);
  },
  on(event: unknown, callback: unknown): () => void {
    if (typeof event !== 'string' || !events.has(event) || typeof callback !== 'function') {
      throw new Error('Unknown event or missing callback');
    }
    const listener = (_e: unknown, name: string, payload: unknown) => {
      if (name === event) (callback as (payload: unknown) => void)(payload);
    };
    ipcRenderer.on('alp:event', listener);
    return () => {
      ipcRenderer.removeListener('alp:event', listener);
    };
  },
});
