import * as assert from 'node:assert/strict';
import { builtinConfig } from './harness';

const match = (name: string, context: string[] = []) => builtinConfig().matcher.match(name, context);
const categoriesOf = (name: string, context: string[] = []) => match(name, context)?.categories ?? [];

describe('matcher on the built-in catalog', () => {
  describe('strong terms flag on their own, in English, French and German', () => {
    const strong: [string, string][] = [
      ['email', 'contact.email'],
      ['courriel', 'contact.email'],
      ['e_mail', 'contact.email'],
      ['customerEmail', 'contact.email'],
      ['EMAIL_ADDRESS', 'contact.email'],
      ['mileage', 'vehicle.mileage'],
      ['odometer', 'vehicle.mileage'],
      ['kilometrage', 'vehicle.mileage'],
      ['kilométrage', 'vehicle.mileage'],
      ['Kilometerstand', 'vehicle.mileage'],
      ['dateOfBirth', 'contact.birth-date'],
      ['dob', 'contact.birth-date'],
      ['date_naissance', 'contact.birth-date'],
      ['geburtsdatum', 'contact.birth-date'],
      ['vin', 'preferences.vin'],
      ['fahrgestellnummer', 'preferences.vin'],
      ['phoneNumber', 'contact.phone'],
      ['getDateOfBirth', 'contact.birth-date'],
    ];
    for (const [name, category] of strong) {
      it(`${name} is ${category}`, () => assert.ok(categoriesOf(name).includes(category), `${name}: ${categoriesOf(name).join(',')}`));
    }
  });

  describe('weak terms need a subject in their context', () => {
    it('customer.name, user.title, c.city where c is customers', () => {
      assert.deepEqual(categoriesOf('name', ['customer']), ['contact.name']);
      // A person's title is a salutation or a job title: the code rarely says which, so both.
      assert.deepEqual(categoriesOf('title', ['user']), ['contact.title', 'preferences.profession']);
      assert.deepEqual(categoriesOf('city', ['c', 'customers']), ['contact.address']);
    });
    it('a subject in the name itself: customerName', () => {
      assert.deepEqual(categoriesOf('customerName'), ['contact.name']);
    });
    it('vehicle.position and status.range are telemetry', () => {
      assert.deepEqual(categoriesOf('position', ['vehicle']), ['vehicle.position']);
      assert.deepEqual(categoriesOf('range', ['status']), ['vehicle.remaining-range']);
    });
    it('near-miss: the same words with no subject stay silent', () => {
      assert.equal(match('name'), undefined);
      assert.equal(match('title', ['document']), undefined);
      assert.equal(match('position', ['style']), undefined);
      assert.equal(match('range', ['chart']), undefined);
      assert.equal(match('speed', ['animation']), undefined);
      assert.equal(match('temperature', ['llm']), undefined);
      assert.equal(match('city'), undefined);
    });
    it('an excluded context nearer than the subject vetoes: vehicle.style.position', () => {
      assert.equal(match('position', ['style', 'vehicle']), undefined);
      assert.deepEqual(categoriesOf('position', ['status', 'vehicle']), ['vehicle.position']);
    });
  });

  describe('exclusions and trailing words', () => {
    for (const name of ['fileName', 'ipAddress', 'emailTemplateId', 'emailVerified', 'isEmailVerified', 'supportEmail']) {
      it(`${name} is not catalog data`, () =>
        assert.equal(match(name, ['customer']), undefined, JSON.stringify(match(name, ['customer']))));
    }
    it('a qualifier after the term keeps the meaning: emailAddress, phone2', () => {
      assert.deepEqual(categoriesOf('emailAddress'), ['contact.email']);
      assert.deepEqual(categoriesOf('phone2'), ['contact.phone']);
    });
  });

  describe('ambiguous names', () => {
    it('a position with no telling context is both vehicle and online position, met by either condition', () => {
      const m = match('latitude')!;
      assert.deepEqual(m.categories, ['online.position', 'vehicle.position']);
      assert.deepEqual(new Set(m.requires.map((a) => a.join('+'))), new Set(['connected-drive', 'registered-user']));
    });
    it('a vehicle context narrows it to vehicle.position', () => {
      assert.deepEqual(categoriesOf('latitude', ['vehicle']), ['vehicle.position']);
    });
  });

  it('cookies need registered-user and cookie-consent together', () => {
    const m = match('trackingCookie')!;
    assert.deepEqual(m.categories, ['online.cookies']);
    assert.deepEqual(m.requires, [['registered-user', 'cookie-consent']]);
  });

  it('explains itself: term, strength and the context that satisfied a weak term', () => {
    const m = match('name', ['c', 'customers'])!;
    assert.equal(m.term, 'name');
    assert.equal(m.strength, 'weak');
    assert.equal(m.context, 'customers');
    assert.equal(m.kind, 'personal');
  });
});
