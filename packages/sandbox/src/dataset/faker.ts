import {
  BILLING_FREQUENCIES,
  type BillingFrequency,
  ENGAGEMENT_TYPES,
  type EngagementType,
} from '@listo/events';
import type { Address } from './dataset';
import type { SeededRandom } from './seeded-random';

const FIRST_NAMES = [
  'Alex',
  'Kalin',
  'Maya',
  'Noah',
  'Priya',
  'Jonas',
  'Amara',
  'Luis',
  'Sofia',
  'Kenji',
  'Fatima',
  'Oliver',
  'Ines',
  'Tariq',
  'Hana',
  'Mateo',
  'Zoe',
  'Emeka',
  'Lea',
  'Ravi',
];
const LAST_NAMES = [
  'Kim',
  'Sasaki',
  'Okafor',
  'Schmidt',
  'Garcia',
  'Patel',
  'Novak',
  'Dubois',
  'Silva',
  'Haddad',
  'Jensen',
  'Moreau',
  'Ivanova',
  'Nakamura',
  'Costa',
  'Mensah',
  'Larsen',
  'Romero',
  'Chen',
  'Walsh',
];
const COMPANY_WORDS = [
  'Hudson',
  'Mraz',
  'Kessler',
  'Orbital',
  'Northwind',
  'Bluefin',
  'Acme',
  'Lumen',
  'Tidal',
];
const COMPANY_SUFFIXES = ['EOR', 'Contractors', 'Holdings', 'Labs', 'Group'];
const INSTANCE_NAMES = ['Acme Corp Production', 'Globex Staging', 'Initech Production', 'Umbrella EU'];
const PLACES = [
  { city: 'Springfield', isoCountryCode: 'US', zoneCode: 'OR', postalCode: '97402' },
  { city: 'Berlin', isoCountryCode: 'DE', zoneCode: null, postalCode: '10115' },
  { city: 'Lagos', isoCountryCode: 'NG', zoneCode: 'LA', postalCode: '100001' },
  { city: 'Lisbon', isoCountryCode: 'PT', zoneCode: null, postalCode: '1100-148' },
  { city: 'Toronto', isoCountryCode: 'CA', zoneCode: 'ON', postalCode: 'M5H 2N2' },
  { city: 'Mexico City', isoCountryCode: 'MX', zoneCode: 'CMX', postalCode: '06600' },
] as const;
const STREETS = [
  'Evergreen Terrace',
  'Emile Bypass',
  'Harbour Road',
  'Linden Allee',
  'Rua Augusta',
  'King St W',
];
const JOB_TITLES = [
  'Software Engineer',
  'Senior Engineer',
  'Product Manager',
  'Designer',
  'Data Analyst',
  'Account Executive',
  'Support Specialist',
  'Engineering Manager',
  'Recruiter',
  'Accountant',
];
const UNIT_NAMES = ['Engineering', 'Sales', 'Operations', 'Finance', 'People', 'Marketing'];

/** Every generated timestamp is an offset from this instant, so a seed always gives the same dataset. */
const EPOCH = Date.UTC(2026, 0, 1);
const DAY_MS = 86_400_000;

/** Generators shared by the dataset and the mutations, drawing from one seeded stream. */
export class Faker {
  constructor(readonly random: SeededRandom) {}

  /** The name of the `index`-th installation's Application Instance. */
  instanceName(index: number): string {
    return INSTANCE_NAMES[index % INSTANCE_NAMES.length] as string;
  }

  /** An ISO timestamp `0..maxDays` whole days after `instant`. */
  daysAfter(instant: string, maxDays: number): string {
    return new Date(Date.parse(instant) + this.random.int(0, maxDays) * DAY_MS).toISOString();
  }

  /** `count` different job titles, in a random order. */
  jobTitles(count: number): string[] {
    return this.random.shuffle(JOB_TITLES).slice(0, count);
  }

  /** `count` different organization-unit names, in a random order. */
  unitNames(count: number): string[] {
    return this.random.shuffle(UNIT_NAMES).slice(0, count);
  }

  /** An ISO timestamp `0..maxDays` days before 2026-01-01, to the millisecond. */
  pastInstant(maxDays: number): string {
    return new Date(EPOCH - this.random.int(0, maxDays * DAY_MS)).toISOString();
  }

  date(fromDays: number, toDays: number): string {
    return new Date(EPOCH + this.random.int(fromDays, toDays) * DAY_MS).toISOString().slice(0, 10);
  }

  person(): { firstName: string; lastName: string; fullName: string } {
    const firstName = this.random.pick(FIRST_NAMES);
    const lastName = this.random.pick(LAST_NAMES);
    return { firstName, lastName, fullName: `${firstName} ${lastName}` };
  }

  email(firstName: string, lastName: string, domain: string): string {
    return `${firstName}.${lastName}${this.random.int(1, 999)}@${domain}`.toLowerCase();
  }

  companyName(): string {
    const a = this.random.pick(COMPANY_WORDS);
    const b = this.random.pick(COMPANY_WORDS.filter((word) => word !== a));
    return `${a} - ${b} - ${this.random.pick(COMPANY_SUFFIXES)}`;
  }

  address(): Address {
    const place = this.random.pick(PLACES);
    return {
      address1: `${this.random.int(1, 999)} ${this.random.pick(STREETS)}`,
      address2: this.random.next() < 0.3 ? `Suite ${this.random.int(100, 900)}` : null,
      city: place.city,
      isoCountryCode: place.isoCountryCode,
      postalCode: place.postalCode,
      zoneCode: place.zoneCode,
    };
  }

  phone(): string {
    return `+1202555${String(this.random.int(0, 9999)).padStart(4, '0')}`;
  }

  jobTitle(): string {
    return this.random.pick(JOB_TITLES);
  }

  billingFrequency(): BillingFrequency {
    return this.random.pick(BILLING_FREQUENCIES);
  }

  engagementType(): EngagementType {
    return this.random.pick(ENGAGEMENT_TYPES);
  }
}
