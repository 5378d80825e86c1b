import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src-shared/result';
import {
  MalformedPushBody,
  type PortalFamilyRecord,
  type PortalSettingsRecord,
  type SyncRecord,
  decodePushBody,
  encodeSyncRecords,
  syncRecordSchema,
} from '../../../src-shared/sync/protocol';

const id = fc.integer({ min: 1, max: 2 ** 31 });
// Any text: spaces at the ends, accents, emoji, quotes, line breaks (escaped in JSON), HTML.
const text = fc.string({ unit: 'binary', maxLength: 30 });
const phones = fc.record({ mobile: fc.option(text), home: fc.option(text), work: fc.option(text) });
const pickup = fc.record({ name: text, relation: text, phone: text });

const familyRecord: fc.Arbitrary<PortalFamilyRecord> = fc.record({
  id,
  email: fc.option(fc.constantFrom('lea@example.fr', 'h.durand@mairie.example')),
  portalAccess: fc.constantFrom('none', 'invited', 'active', 'disabled'),
  invitationId: fc.option(fc.uuid()),
  adults: fc.array(
    fc.record({ id, firstName: text, lastName: text, relation: text, phones, email: fc.option(text) }),
    { maxLength: 2 },
  ),
  address: fc.record({ line1: text, line2: text, postalCode: text, city: text }),
  children: fc.array(
    fc.record({
      id,
      firstName: text,
      lastName: text,
      birthDate: text,
      school: text,
      className: text,
      authorisedPickups: fc.array(pickup, { maxLength: 3 }),
    }),
    { maxLength: 4 },
  ),
  lastAppliedEventSeq: fc.nat(),
});
const rule = fc.constantFrom('hidden', 'readonly', 'editable');
const settingsRecord: fc.Arbitrary<PortalSettingsRecord> = fc.record({
  communeName: text,
  fieldRules: fc.record({
    phones: rule,
    address: rule,
    authorisedPickups: rule,
    schooling: fc.constantFrom('hidden', 'readonly'),
  }),
  contactEmail: fc.option(text),
  contactPhone: fc.option(text),
});
const record: fc.Arbitrary<SyncRecord> = fc.oneof(
  fc.record({
    entity: fc.constant('family'),
    id: fc.integer({ min: 1 }).map(String),
    version: fc.integer({ min: 1 }),
    data: fc.option(familyRecord),
  }),
  fc.record({
    entity: fc.constant('portal_settings'),
    id: fc.constant('settings'),
    version: fc.integer({ min: 1 }),
    data: settingsRecord,
  }),
);

describe('push body', () => {
  // The portal stores each record's data line as it came: that is only right if validating a
  // record never changes it (no trimming, no defaults, nothing stripped).
  it('validation leaves every record as it is, so the data line sent is the data stored', () => {
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 5 }), (records) => {
        for (const one of records) expect(syncRecordSchema.parse(one)).toEqual(one);
        const received = decodePushBody(encodeSyncRecords(records));
        expect(received.map(({ dataJson, ...rest }) => [rest, JSON.parse(dataJson)])).toEqual(
          records.map((one) => [one, one.data]),
        );
      }),
    );
  });

  it('is ASCII, two lines per record, and a final line break is allowed', () => {
    const body = encodeSyncRecords([
      { entity: 'portal_settings', id: 'settings', version: 2, data: sampleSettings('Écully') },
      { entity: 'family', id: '7', version: 1, data: null },
    ]);
    expect(body.split('\n')).toEqual([
      '{"entity":"portal_settings","id":"settings","version":2}',
      expect.stringContaining('"communeName":"\\u00c9cully"'),
      '{"entity":"family","id":"7","version":1}',
      'null',
    ]);
    expect(decodePushBody(`${body}\n`)).toHaveLength(2);
  });

  it('refuses what is not pairs of JSON lines, and names the record the protocol refuses', () => {
    const data = JSON.stringify(sampleSettings('Lapalud'));
    const header = '{"entity":"portal_settings","id":"settings","version":1}';
    for (const body of [
      header,
      `${header}\n{"communeName":`,
      `"x"\n${data}`,
      `[1]\n${data}`,
      `null\n${data}`,
    ]) {
      expect(() => decodePushBody(body), body).toThrow(MalformedPushBody);
    }
    // A header may not carry the data itself.
    expect(() => decodePushBody(`{"entity":"family","id":"1","version":1,"data":null}\nnull`)).toThrow(
      MalformedPushBody,
    );

    const unknownField = `${header}\n${JSON.stringify({ ...sampleSettings('Lapalud'), extra: 1 })}`;
    const error = captureError(() => decodePushBody(`${header}\n${data}\n${unknownField}`));
    expect(error).toBeInstanceOf(AppError);
    expect(Object.keys((error as AppError).fields ?? {})).toContain('records.1.data');
    expect(() => decodePushBody('')).toThrow(AppError);
  });
});

function sampleSettings(communeName: string): PortalSettingsRecord {
  return {
    communeName,
    fieldRules: {
      phones: 'editable',
      address: 'readonly',
      authorisedPickups: 'hidden',
      schooling: 'readonly',
    },
    contactEmail: null,
    contactPhone: '04 90 00 00 00',
  };
}

function captureError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('no error thrown');
}
