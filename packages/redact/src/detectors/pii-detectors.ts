import type { Detector } from '../detector.js';
import { creditCard } from './credit-card.js';
import { bitcoinAddress } from './crypto.js';
import { email } from './email.js';
import { iban } from './iban.js';
import { ipAddress } from './ip.js';
import { phone } from './phone.js';
import { ssn } from './ssn.js';
import { ukNino } from './uk-nino.js';
import { urlCredentials } from './url-credentials.js';

/** Every built-in personal-data detector. */
export const PII_DETECTORS: readonly Detector[] = [
  email,
  urlCredentials,
  creditCard,
  iban,
  ssn,
  ukNino,
  bitcoinAddress,
  ipAddress,
  phone,
];
