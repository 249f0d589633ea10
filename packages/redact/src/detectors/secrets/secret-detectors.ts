import type { Detector } from '../../detector.js';
import { anthropicKey } from './anthropic.js';
import { authorizationHeader } from './authorization-header.js';
import { awsAccessKeyId } from './aws.js';
import { basicAuthHeader, curlUserCredentials } from './basic-auth.js';
import { bearerToken } from './bearer.js';
import { connectionStringKeyValue, connectionStringUri } from './connection-string.js';
import { cookieHeader, curlCookie } from './cookie.js';
import { genericAssignment } from './generic.js';
import { githubToken } from './github.js';
import { googleKey } from './google.js';
import { jwtToken } from './jwt.js';
import { mysqlPassword } from './mysql-password.js';
import { openaiKey } from './openai.js';
import { OTHER_TOKEN_DETECTORS } from './other-tokens.js';
import { privateKey } from './private-key.js';
import { slackToken, slackWebhook } from './slack.js';
import { stripeKey } from './stripe.js';

/** Every built-in secret detector, specific formats first. */
export const SECRET_DETECTORS: readonly Detector[] = [
  openaiKey,
  anthropicKey,
  awsAccessKeyId,
  githubToken,
  slackToken,
  slackWebhook,
  stripeKey,
  googleKey,
  jwtToken,
  privateKey,
  bearerToken,
  authorizationHeader,
  basicAuthHeader,
  curlUserCredentials,
  cookieHeader,
  curlCookie,
  mysqlPassword,
  connectionStringUri,
  connectionStringKeyValue,
  ...OTHER_TOKEN_DETECTORS,
  genericAssignment,
];
